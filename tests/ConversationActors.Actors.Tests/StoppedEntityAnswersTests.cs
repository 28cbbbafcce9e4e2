using Akka.Actor;
using Akka.Event;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// A request left with an entity that stopped is answered at once, and its desc says why only when it is known (issue
/// 26, found by the torture suite): after a node was SIGKILLed, requests lost in the handover were told "its store
/// failed" while the store was fine. Issue 31: where the node runs the entity's shard region, a request that was never
/// handled is sent again through it, so a hand-off costs its caller the hand-off, not ask-timeout; and a node leaving the
/// cluster (downed by the split-brain resolver, or SIGTERM) stops its entities, which is not the store's failure.
/// Coordinated shutdown here runs its phases but keeps the actor system (and the CLR) alive, so a test can watch the
/// answers.
/// </summary>
public sealed class StoppedEntityAnswersTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit("akka.coordinated-shutdown { terminate-actor-system = off, run-by-actor-system-terminate = off, exit-clr = off }", output: output),
    IClassFixture<DatabaseFolder>
{
    /// <summary>
    /// A shard region drops the requests it buffered for a shard when the shard's hand-off begins (akkadotnet/akka.net#8501);
    /// the caller used to wait for ask-timeout and get 503 TIMEOUT. Now the dropped request reaches the entity.
    /// </summary>
    [Fact]
    public async Task A_request_a_shard_region_dropped_during_a_hand_off_is_sent_again_and_answered_by_its_entity()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString());
        (await node.Service.ExecuteAsync("handed", Message(C2C("bob"), "m1", "bob", Commands.Now - 5_000), CancellationToken.None)).Ok();
        var caller = CreateTestProbe(node.System);

        node.System.EventStream.Publish(new Dropped(new GetTotalUnread("handed"), "Avoiding reordering of buffered messages at shard handoff", caller.Ref, ActorRefs.NoSender));

        Assert.Equal(1L, caller.ExpectMsg<TotalUnreadAnswer>(TimeSpan.FromSeconds(15)).TotalUnreadCount);
    }

    [Fact]
    public async Task A_request_that_keeps_being_dropped_is_answered_503_after_the_last_redelivery()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString());
        var caller = CreateTestProbe(node.System);
        var request = new GetTotalUnread("dropped");

        // Each redelivery of the same request object dead-letters again here (as on a node whose regions stopped).
        for (var i = 0; i <= StoppedEntityAnswers.MaxRedeliveries; i++)
        {
            node.System.EventStream.Publish(new Dropped(request, "test", caller.Ref, ActorRefs.NoSender));
        }

        var answers = caller.ReceiveN(StoppedEntityAnswers.MaxRedeliveries + 1, TimeSpan.FromSeconds(15));
        var refused = Assert.Single(answers.OfType<CommandRefused>());
        Assert.Equal(StoppedEntityAnswers.MaxRedeliveries, answers.OfType<TotalUnreadAnswer>().Count());

        // The store answered all along: the cluster did not deliver it (TIMEOUT), which no store alert should hear of.
        Assert.Equal(ErrorCode.Timeout, refused.Code);
        Assert.Contains("stopped or moved", refused.Desc);
    }

    /// <summary>
    /// Issue 31, left from issue 26: while the store answers, a request no entity handled is the cluster's failure to
    /// deliver it in time (503 TIMEOUT), not STORE_UNAVAILABLE, whose 50004 says an event was not persisted for the
    /// store's sake and is what store alerts and clients' store back-offs listen for.
    /// </summary>
    [Fact]
    public void A_request_left_with_a_stopped_entity_while_the_store_answers_does_not_blame_the_store()
    {
        StoreHealth.Get(Sys);

        var refused = AnswerToARequestLeftWithAStoppedEntity();
        Assert.Equal(ErrorCode.Timeout, refused.Code);
        Assert.Contains("stopped before it handled this request", refused.Desc);
        Assert.DoesNotContain("store failed", refused.Desc);
    }

    [Fact]
    public void During_a_store_outage_the_answer_names_it()
    {
        StoreHealth.Get(Sys).Failed("write", new IOException("disk full"));

        var refused = AnswerToARequestLeftWithAStoppedEntity();
        Assert.Equal(ErrorCode.StoreUnavailable, refused.Code);
        Assert.Contains("the event store is unavailable (write failed: disk full)", refused.Desc);
    }

    [Fact]
    public void On_a_node_that_was_downed_a_request_left_with_a_stopped_entity_is_answered_TIMEOUT_saying_the_node_is_leaving_and_the_store_stays_healthy()
    {
        var store = StoreHealth.Get(Sys);
        CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ClusterDowningReason.Instance);

        var refused = AnswerToARequestLeftWithAStoppedEntity();
        Assert.Equal(ErrorCode.Timeout, refused.Code);
        Assert.Contains("this node is leaving the cluster", refused.Desc);
        Assert.Contains("downed", refused.Desc);
        Assert.True(store.IsAvailable);
    }

    /// <summary>A request to an entity that stopped turns up as a dead letter; what its caller (the test actor) is answered.</summary>
    private CommandRefused AnswerToARequestLeftWithAStoppedEntity()
    {
        var entity = Sys.ActorOf(Props.Empty, "stopped-entity");
        Sys.EventStream.Publish(new DeadLetter(new GetTotalUnread("u1"), TestActor, entity));
        return ExpectMsg<CommandRefused>();
    }
}
