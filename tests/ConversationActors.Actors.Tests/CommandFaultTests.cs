using Akka.Actor;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 26, the entity's code on the live path: an exception while an entity decides a request or runs a persist
/// callback is an entity fault. Its caller is answered at once (not after ask-timeout), the callers waiting for writes
/// are told to retry, the fault is counted, and the entity recovers its state from the journal and goes on. A pure
/// actor-behaviour test: the in-memory journal and a test entity that throws on demand.
/// </summary>
public sealed class CommandFaultTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    [Fact]
    public void An_exception_while_deciding_a_request_answers_it_at_once_and_the_entity_goes_on()
    {
        var entity = Sys.ActorOf(Props.Create(() => new ThrowingEntity("throwing-decide")));
        entity.Tell(new Write("throwing-decide", "a"));
        ExpectMsg("ok a");

        entity.Tell(new Boom("throwing-decide"));
        var refused = ExpectMsg<CommandRefused>();

        Assert.Equal(ErrorCode.StoreUnavailable, refused.Code);
        Assert.Contains("throwing-decide failed on this request (a bug in decide); nothing was done", refused.Desc);
        Assert.Equal(1, EntityFaults.Get(Sys).Total);
        entity.Tell(new CountEvents("throwing-decide"));
        ExpectMsg(1);
        AwaitCondition(() => EntityFaults.Get(Sys).IsEmpty);
        Assert.Null(StoreHealth.Get(Sys).Current);
    }

    [Fact]
    public void An_exception_in_a_persist_callback_tells_the_waiting_caller_to_retry_and_the_durable_event_stays()
    {
        var entity = Sys.ActorOf(Props.Create(() => new ThrowingEntity("throwing-callback")));
        entity.Tell(new Write("throwing-callback", "bad"));
        var refused = ExpectMsg<CommandRefused>();

        Assert.Equal(ErrorCode.Timeout, refused.Code);
        Assert.Contains("may or may not have been applied, retry", refused.Desc);
        entity.Tell(new CountEvents("throwing-callback"));
        ExpectMsg(1);
        Assert.Null(StoreHealth.Get(Sys).Current);
    }

    private sealed record Write(string EntityID, string Text) : IEntityMessage;

    private sealed record Boom(string EntityID) : IEntityMessage;

    private sealed record CountEvents(string EntityID) : IEntityMessage;

    /// <summary>Persists texts; throws on <see cref="Boom"/> and in the callback of the text "bad".</summary>
    private sealed class ThrowingEntity(string persistenceId) : DurableEntity
    {
        private int _events;

        public override string PersistenceId { get; } = persistenceId;

        protected override string Persisted => "the text";

        protected override void Recover(object message)
        {
            if (message is string)
            {
                _events++;
            }
        }

        protected override void OnRequest(object message)
        {
            switch (message)
            {
                case Write write:
                    AwaitPersist(Sender, LastSequenceNr + 1, LastSequenceNr + 1);
                    Persist(write.Text, text =>
                    {
                        _events++;
                        if (text == "bad")
                        {
                            throw new InvalidOperationException("a bug in apply");
                        }

                        PersistSucceeded();
                        Sender.Tell("ok " + text);
                    });
                    break;
                case Boom:
                    throw new InvalidOperationException("a bug in decide");
                case CountEvents:
                    Sender.Tell(_events);
                    break;
            }
        }
    }
}
