using Akka.Actor;
using Akka.Event;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Health;

/// <summary>
/// Closes the stopping-entity window (issue #19). An entity whose write or recovery fails must stop (Akka
/// Persistence cannot know what the store holds); the requests waiting in its mailbox or stash then become dead
/// letters, and their callers used to wait for <c>ask-timeout</c>. This one actor per node watches the dead letters and
/// answers every entity request among them at once (started with <see cref="StoreHealth"/>) with 503 STORE_UNAVAILABLE: the entity stopped before it handled
/// the request, so nothing was done and a retry is safe (the next message recovers the entity from the journal). When
/// the entity stopped for a fault of its own (<see cref="EntityFaults"/>, issue 26), the answer names that fault instead.
/// </summary>
public sealed class StoppedEntityAnswers : ReceiveActor
{
    public const string Name = "stopped-entity-answers";

    public StoppedEntityAnswers()
    {
        Receive<DeadLetter>(letter =>
        {
            if (letter.Message is IEntityMessage message && !letter.Sender.IsNobody() && !Equals(letter.Sender, Context.System.DeadLetters))
            {
                var desc = EntityFaults.Get(Context.System).OfEntity(letter.Recipient.Path.ToStringWithoutAddress()) is { } fault
                    ? fault.Desc
                    : $"the entity {message.EntityID} stopped before it handled this request (its store failed); nothing was done, retry";
                letter.Sender.Tell(new CommandRefused(ErrorCode.StoreUnavailable, desc), ActorRefs.NoSender);
            }
        });
    }
}
