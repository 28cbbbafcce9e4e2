using Akka.Actor;
using Akka.Event;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// A request left with an entity that stopped is answered at once, and its desc says why only when it is known (issue
/// 26, found by the torture suite): after a node was SIGKILLed, requests lost in the handover were told "its store
/// failed" while the store was fine.
/// </summary>
public sealed class StoppedEntityAnswersTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    [Fact]
    public void A_request_left_with_a_stopped_entity_while_the_store_answers_does_not_blame_the_store()
    {
        StoreHealth.Get(Sys);
        var entity = Sys.ActorOf(Props.Empty, "stopped-entity");
        Sys.EventStream.Publish(new DeadLetter(new GetTotalUnread("u1"), TestActor, entity));

        var refused = ExpectMsg<CommandRefused>();
        Assert.Equal(ErrorCode.StoreUnavailable, refused.Code);
        Assert.Contains("stopped before it handled this request", refused.Desc);
        Assert.DoesNotContain("store failed", refused.Desc);
    }

    [Fact]
    public void During_a_store_outage_the_answer_names_it()
    {
        StoreHealth.Get(Sys).Failed("write", new IOException("disk full"));
        var entity = Sys.ActorOf(Props.Empty, "stopped-entity");
        Sys.EventStream.Publish(new DeadLetter(new GetTotalUnread("u1"), TestActor, entity));

        Assert.Contains("the event store is unavailable (write failed: disk full)", ExpectMsg<CommandRefused>().Desc);
    }
}
