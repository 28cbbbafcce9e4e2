using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 retention and 3.4 activity time and "expiry is deletion".</summary>
public class RetentionTests
{
    private static readonly long Week = (long)TimeSpan.FromDays(7).TotalMilliseconds;

    [Fact]
    public void A_conversation_lives_exactly_the_retention_after_its_latest_activity()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", Scenario.Start);

        story.WaitMs(Scenario.Start + Week - story.Now);
        Assert.NotNull(story.Find("C2Cbob"));

        story.WaitMs(1);
        Assert.Null(story.Find("C2Cbob"));
    }

    [Fact]
    public void An_expired_conversation_is_absent_from_every_answer()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(4)).Receive("C2Ccarol", "c1", from: "carol");

        story.Wait(TimeSpan.FromDays(4));

        Assert.Equal(["C2Ccarol"], story.Ids);
        Assert.Null(story.Find("C2Cbob"));
        Assert.Null(story.Stats("C2Cbob"));
        Assert.Equal(["C2Ccarol"], story.Batch("C2Cbob", "C2Ccarol").Select(c => c.ConversationID));
        Assert.Equal(1, story.TotalUnread);
        Assert.Single(story.Page(PagePosition.Start, 10).ConversationList);
    }

    [Fact]
    public void A_draft_or_a_pin_is_activity_that_extends_life()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol").Wait(TimeSpan.FromDays(6));
        story.Draft("C2Cbob", "x").Pin("C2Ccarol").Unpin("C2Ccarol");

        story.Wait(TimeSpan.FromDays(6));

        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);
    }

    [Fact]
    public void Pinned_conversations_do_not_expire()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Pin("C2Cbob").Wait(TimeSpan.FromDays(365));

        Assert.True(story["C2Cbob"].IsPinned);
    }

    [Fact]
    public void Unpinning_counts_as_activity_so_a_long_pinned_conversation_does_not_vanish_at_once()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Pin("C2Cbob").Wait(TimeSpan.FromDays(30)).Unpin("C2Cbob");

        story.Wait(TimeSpan.FromDays(6));
        Assert.NotNull(story.Find("C2Cbob"));

        story.Wait(TimeSpan.FromDays(2));
        Assert.Null(story.Find("C2Cbob"));
    }

    [Fact]
    public void A_zero_retention_keeps_conversations_forever()
    {
        var story = new Scenario(Settings.Forever).Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(3650));

        Assert.NotNull(story.Find("C2Cbob"));
    }

    [Fact]
    public void Clearing_history_or_the_draft_does_not_lower_activity_time()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(5)).Draft("C2Cbob", "x");
        story.ClearHistory("C2Cbob").Draft("C2Cbob", null);

        story.Wait(TimeSpan.FromDays(6));

        Assert.NotNull(story.Find("C2Cbob"));
    }

    [Fact]
    public void Reading_and_recvOpt_are_not_activity()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(6));
        story.Read("C2Cbob").RecvOpt("C2Cbob", RecvOpt.NotReceive).Wait(TimeSpan.FromDays(2));

        Assert.Null(story.Find("C2Cbob"));
    }

    [Fact]
    public void Activity_time_follows_message_timestamps_so_a_late_message_does_not_lower_it()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start).Receive("C2Cbob", "m1", Scenario.Start - Week);

        story.WaitMs(Scenario.Start + Week - story.Now);

        Assert.NotNull(story.Find("C2Cbob"));
    }

    [Fact]
    public void A_message_after_expiry_starts_the_conversation_afresh()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { AtAll = true, GroupType = GroupType.Work })
            .Draft("GROUPg1", "old draft")
            .RecvOpt("GROUPg1", RecvOpt.ReceiveNotNotify)
            .Wait(TimeSpan.FromDays(8));
        var recreatedAt = story.Now;

        var evt = story.Accepts<MessageAdded>(Cmd.Message("GROUPg1", "m2", "bob", story.Now));

        Assert.True(evt.Recreate);
        var conversation = story["GROUPg1"];
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Empty(conversation.GroupAtInfoList);
        Assert.Null(conversation.DraftText);
        Assert.Null(conversation.GroupType);
        Assert.Equal(RecvOpt.Receive, conversation.RecvOpt);
        Assert.Equal("m2", conversation.LastMessage!.MsgID);
        Assert.Equal(new ConversationStats(1, recreatedAt, recreatedAt), story.Stats("GROUPg1"));
        Assert.Single(story.List);
    }

    [Fact]
    public void A_draft_or_pin_after_expiry_also_starts_afresh()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol").Wait(TimeSpan.FromDays(8));

        Assert.True(story.Accepts<DraftSet>(Cmd.Draft("C2Cbob", "x")).Recreate);
        Assert.True(story.Accepts<ConversationPinned>(Cmd.Pin("C2Ccarol")).Recreate);

        Assert.Null(story["C2Cbob"].LastMessage);
        Assert.Null(story["C2Ccarol"].LastMessage);
        Assert.Equal(0, story.TotalUnread);
    }

    [Fact]
    public void Replaying_a_recreation_does_not_depend_on_retention()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(8)).Receive("C2Cbob", "m2");

        var replayed = story.Events.Aggregate(Domain.State.ConversationSet.Empty(Scenario.Owner, 10), (s, e) => s.Apply(e));

        Assert.Equal(1, replayed.Find("C2Cbob")!.MessageCount);
        Assert.Equal("m2", replayed.Find("C2Cbob")!.LastMessage!.MsgID);
    }

    [Fact]
    public void Queries_apply_retention_at_the_moment_asked()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");
        var state = story.State;

        Assert.Single(ListQueries.All(state, Scenario.Start + Week, story.Settings.RetentionMs).ConversationList);
        Assert.Empty(ListQueries.All(state, Scenario.Start + Week + 1, story.Settings.RetentionMs).ConversationList);
        Assert.Single(ListQueries.All(state, Scenario.Start + Week + 1, 0).ConversationList);
    }

    [Fact]
    public void A_message_older_than_the_retention_is_recorded_but_its_new_conversation_is_already_expired()
    {
        // Activity time is the message timestamp (SPEC 3.4), not the server time of arrival.
        var story = new Scenario();

        story.Accepts<MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now - Week - 1));

        Assert.Null(story.Find("C2Cbob"));
        Assert.NotNull(story.State.Find("C2Cbob"));
        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", story.Now - Week - 1));
    }
}
