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
/// the request, so nothing was done and a retry is safe (the next message recovers the entity from the journal). The
/// desc says why only as far as the node knows it (issue 26): the entity's own fault (<see cref="EntityFaults"/>), the
/// store's outage (<see cref="StoreHealth"/>), or else that the entity stopped or moved (a handover after a node died).
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
                    : $"the entity {message.EntityID} stopped before it handled this request ({Why()}); nothing was done, retry";
                letter.Sender.Tell(new CommandRefused(ErrorCode.StoreUnavailable, desc), ActorRefs.NoSender);
            }
        });
    }

    /// <summary>Why it stopped, as far as this node knows: the store's outage, or else a stop or move of the entity.</summary>
    private static string Why() => StoreHealth.Get(Context.System).Current is { } outage
        ? $"the event store is unavailable ({outage.Cause})"
        : "it stopped or moved to another node";
}
