using System.Text.Json;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>Snapshots: plain data that restores the same set, dedupe memory included.</summary>
public class SnapshotTests
{
    internal static string Json(ConversationSet set) => JsonSerializer.Serialize(ConversationSetSnapshot.Of(set));

    private static Scenario Busy() => new Scenario(Settings.Dedupe(3))
        .Receive("GROUPg1", "g1", with: m => m with { AtAll = true, GroupType = GroupType.Work })
        .Receive("C2Cbob", "b1")
        .Receive("C2Cbob", "b0", Scenario.Start - 100)
        .Pin("C2Cbob")
        .Draft("C2Ccarol", "hi")
        .Read("GROUPg1")
        .Remark("bob", "Bobby")
        .RecvOpt("C2Cbob", RecvOpt.ReceiveNotNotify)
        .Receive("@TIM#SYSTEM", "s1", from: "admin")
        .ClearHistory("@TIM#SYSTEM")
        .Revoke("C2Cbob", "b1");

    [Fact]
    public void Restoring_a_snapshot_gives_the_same_state()
    {
        var story = Busy();

        var restored = ConversationSetSnapshot.Of(story.State).Restore(3);

        Assert.Equal(Json(story.State), Json(restored));
        Assert.Equal(story.State.Order.Select(e => e.Slot), restored.Order.Select(e => e.Slot));
        Assert.Equal(story.State.Dedupe.OldestFirst, restored.Dedupe.OldestFirst);
    }

    [Fact]
    public void A_snapshot_survives_a_json_round_trip()
    {
        var story = Busy();
        var json = Json(story.State);

        var restored = JsonSerializer.Deserialize<ConversationSetSnapshot>(json)!.Restore(3);

        Assert.Equal(json, Json(restored));
        Assert.Equal(JsonSerializer.Serialize(story.List), JsonSerializer.Serialize(Views(restored, story)));
    }

    [Fact]
    public void The_dedupe_window_keeps_evicting_in_the_same_order_after_a_restore()
    {
        var story = Busy();
        var restored = ConversationSetSnapshot.Of(story.State).Restore(3);
        var next = Events.Of(story, "C2Cdave", "d1");

        Assert.Equal(story.State.Apply(next).Dedupe.OldestFirst, restored.Apply(next).Dedupe.OldestFirst);
    }

    [Fact]
    public void Replaying_the_journal_from_empty_gives_the_same_state()
    {
        var story = Busy();

        var replayed = story.Events.Aggregate(ConversationSet.Empty(Scenario.Owner, 3), (s, e) => s.Apply(e));

        Assert.Equal(Json(story.State), Json(replayed));
    }

    [Fact]
    public void A_retried_message_is_still_a_duplicate_after_a_restore()
    {
        var story = Busy();
        var restored = ConversationSetSnapshot.Of(story.State).Restore(3);

        var decision = Fold.Decider.Decide(restored, Cmd.Message("C2Cbob", "b0", "bob", Scenario.Start - 100), story.Now, story.Settings);

        Assert.Equal(Fold.Decision.NoChange, decision);
    }

    private static IReadOnlyList<Queries.ConversationView> Views(ConversationSet set, Scenario story) =>
        Queries.ListQueries.All(set, story.Now, story.Settings.RetentionMs).ConversationList;

    private static class Events
    {
        public static Domain.Events.MessageAdded Of(Scenario story, string conversationID, string msgID) =>
            new(conversationID, msgID, "x", story.Now, ElemType.Text, "", [], false, null, null, true, story.Now, false, []);
    }
}
