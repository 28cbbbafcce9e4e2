using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 and 3.4 capacity: at most max-conversations live conversations per user.</summary>
public class CapacityTests
{
    [Fact]
    public void Beyond_the_limit_the_unpinned_conversation_with_the_lowest_orderKey_is_dropped()
    {
        var story = new Scenario(Settings.Capacity(3))
            .Receive("C2Ca", "1", from: "a")
            .Receive("C2Cb", "2", from: "b")
            .Receive("C2Cc", "3", from: "c")
            .Receive("C2Ca", "4", from: "a");

        var evt = story.Accepts<MessageAdded>(Cmd.Message("C2Cd", "5", "d", story.Now));

        Assert.Equal(["C2Cb"], evt.Evicted);
        Assert.Equal(["C2Cd", "C2Ca", "C2Cc"], story.Ids);
    }

    [Fact]
    public void Pinned_conversations_are_never_dropped_for_capacity()
    {
        var story = new Scenario(Settings.Capacity(2))
            .Receive("C2Ca", "1", from: "a")
            .Pin("C2Ca")
            .Receive("C2Cb", "2", from: "b");

        var evt = story.Accepts<DraftSet>(Cmd.Draft("C2Cc", "x"));

        Assert.Equal(["C2Cb"], evt.Evicted);
        Assert.Equal(["C2Ca", "C2Cc"], story.Ids);
    }

    [Fact]
    public void When_every_conversation_is_pinned_the_limit_is_exceeded_rather_than_drop_one()
    {
        var story = new Scenario(Settings.Capacity(2)).Pin("C2Ca").Pin("C2Cb");

        var evt = story.Accepts<ConversationPinned>(Cmd.Pin("C2Cc"));
        story.Receive("C2Cd", "1", from: "d");

        Assert.Empty(evt.Evicted);
        Assert.Equal(["C2Cc", "C2Cb", "C2Ca", "C2Cd"], story.Ids);

        var next = story.Accepts<MessageAdded>(Cmd.Message("C2Ce", "2", "e", story.Now));
        Assert.Equal(["C2Cd"], next.Evicted);
    }

    [Fact]
    public void Expired_conversations_do_not_count_and_are_dropped_first()
    {
        var story = new Scenario(Settings.Capacity(2) with { Retention = TimeSpan.FromDays(1) })
            .Receive("C2Cold", "1", from: "old")
            .Wait(TimeSpan.FromHours(20))
            .Receive("C2Ca", "2", from: "a")
            .Wait(TimeSpan.FromHours(5));

        var evt = story.Accepts<MessageAdded>(Cmd.Message("C2Cb", "3", "b", story.Now));

        Assert.Equal(["C2Cold"], evt.Evicted);
        Assert.Equal(["C2Cb", "C2Ca"], story.Ids);
        Assert.Null(story.State.Find("C2Cold"));
    }

    [Fact]
    public void An_evicted_conversation_is_gone_and_a_later_message_creates_it_afresh()
    {
        var story = new Scenario(Settings.Capacity(1)).Receive("C2Ca", "1", from: "a").Receive("C2Cb", "2", from: "b");
        Assert.Equal(["C2Cb"], story.Ids);
        Assert.Null(story.State.Find("C2Ca"));

        story.Receive("C2Ca", "3", from: "a");

        Assert.Equal(["C2Ca"], story.Ids);
        Assert.Equal(1, story["C2Ca"].UnreadCount);
    }

    [Fact]
    public void Activity_on_an_existing_conversation_evicts_nothing()
    {
        var story = new Scenario(Settings.Capacity(2)).Receive("C2Ca", "1", from: "a").Receive("C2Cb", "2", from: "b");

        Assert.Empty(story.Accepts<MessageAdded>(Cmd.Message("C2Ca", "3", "a", story.Now)).Evicted);
        Assert.Empty(story.Accepts<DraftSet>(Cmd.Draft("C2Cb", "x")).Evicted);
        Assert.Empty(story.Accepts<ConversationPinned>(Cmd.Pin("C2Ca")).Evicted);
        Assert.Equal(2, story.List.Count);
    }

    [Fact]
    public void Replay_follows_the_recorded_evictions_whatever_the_settings_of_the_day()
    {
        var story = new Scenario(Settings.Capacity(1)).Receive("C2Ca", "1", from: "a").Receive("C2Cb", "2", from: "b");

        var replayed = story.Events.Aggregate(ConversationSet.Empty(Scenario.Owner, 10_000), (s, e) => s.Apply(e));

        Assert.Equal(["C2Cb"], replayed.Conversations.Keys);
    }

    [Fact]
    public void The_default_limit_is_five_thousand()
    {
        Assert.Equal(5000, ConversationSettings.Default.MaxConversations);
    }
}
