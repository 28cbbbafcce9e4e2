using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 "message added" and activation.</summary>
public class MessageFoldTests
{
    [Fact]
    public void A_first_message_creates_the_conversation_with_it_as_lastMessage()
    {
        var story = new Scenario();
        var sent = story.Now;
        story.Receive("C2Cbob", "m1", with: m => m with { Summary = "hi alice", ElemType = ElemType.Image });

        var conversation = Assert.Single(story.List);
        Assert.Equal("C2Cbob", conversation.ConversationID);
        Assert.Equal(ConversationType.C2C, conversation.Type);
        Assert.Equal("bob", conversation.UserID);
        Assert.Null(conversation.GroupID);
        Assert.Equal(new LastMessage("m1", "bob", sent, ElemType.Image, "hi alice", IsSelf: false, IsRevoked: false), conversation.LastMessage);
        Assert.Equal(1, conversation.OrderKey);
        Assert.False(conversation.IsPinned);
        Assert.Equal(RecvOpt.Receive, conversation.RecvOpt);
    }

    [Fact]
    public void A_newer_message_becomes_lastMessage_and_moves_its_conversation_to_the_top()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "m2", from: "carol");
        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);

        story.Receive("C2Cbob", "m3");

        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
        Assert.Equal("m3", story["C2Cbob"].LastMessage!.MsgID);
        Assert.Equal(3, story["C2Cbob"].OrderKey);
    }

    [Fact]
    public void A_late_older_message_does_not_become_lastMessage_and_does_not_move_the_conversation()
    {
        var story = new Scenario().Receive("C2Cbob", "m2").Receive("C2Ccarol", "c1", from: "carol");
        var orderKey = story["C2Cbob"].OrderKey;

        story.Receive("C2Cbob", "m1", timestamp: Scenario.Start - 60_000);

        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);
        Assert.Equal("m2", story["C2Cbob"].LastMessage!.MsgID);
        Assert.Equal(orderKey, story["C2Cbob"].OrderKey);
        Assert.Equal(2, story["C2Cbob"].UnreadCount);
        Assert.Equal(2, story.Stats("C2Cbob")!.MessageCount);
    }

    [Fact]
    public void With_equal_timestamps_the_ordinally_greater_msgID_is_newer()
    {
        var at = Scenario.Start;
        var story = new Scenario().Receive("C2Cbob", "b", at).Receive("C2Cbob", "a", at);
        Assert.Equal("b", story["C2Cbob"].LastMessage!.MsgID);

        story.Receive("C2Cbob", "B", at);
        Assert.Equal("b", story["C2Cbob"].LastMessage!.MsgID);

        story.Receive("C2Cbob", "c", at);
        Assert.Equal("c", story["C2Cbob"].LastMessage!.MsgID);
    }

    [Fact]
    public void A_message_from_the_owner_is_self_and_adds_no_unread()
    {
        var story = new Scenario().Send("C2Cbob", "m1");

        Assert.True(story["C2Cbob"].LastMessage!.IsSelf);
        Assert.Equal(0, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Every_activation_takes_the_next_orderKey_of_the_user()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1")
            .Receive("GROUPg1", "m2")
            .Draft("C2Ccarol", "later")
            .Pin("C2Cdave")
            .Receive("C2Cbob", "m3");

        Assert.Equal(5, story.State.MaxOrderKey);
        Assert.Equal(5, story["C2Cbob"].OrderKey);
        Assert.Equal(4, story["C2Cdave"].OrderKey);
        Assert.Equal(3, story["C2Ccarol"].OrderKey);
        Assert.Equal(2, story["GROUPg1"].OrderKey);
    }

    [Fact]
    public void The_event_records_server_time_and_the_message_fields()
    {
        var story = new Scenario();
        var now = story.Now;
        var evt = story.Accepts<MessageAdded>(Cmd.Message("c2c_bob", "m1", "bob", now - 5) with { AtAll = true });

        Assert.Equal("C2Cbob", evt.ConversationID);
        Assert.Equal(now, evt.At);
        Assert.Equal(now - 5, evt.Timestamp);
        Assert.False(evt.Recreate);
        Assert.Empty(evt.Evicted);
    }

    [Fact]
    public void Stats_count_applied_messages_the_first_timestamp_and_the_creation_time()
    {
        var story = new Scenario();
        var created = story.Now;
        story.Receive("C2Cbob", "m2", Scenario.Start - 10).Receive("C2Cbob", "m1", Scenario.Start - 500).Receive("C2Cbob", "m3");
        story.Try(Cmd.Message("C2Cbob", "m3", "bob", story.Now));

        var stats = story.Stats("C2Cbob")!;
        Assert.Equal(3, stats.MessageCount);
        Assert.Equal(Scenario.Start - 500, stats.FirstMessageTimestamp);
        Assert.Equal(created, stats.CreatedAt);
    }

    [Fact]
    public void A_conversation_without_messages_has_no_first_message_timestamp()
    {
        var story = new Scenario().Pin("C2Cbob");

        Assert.Null(story.Stats("C2Cbob")!.FirstMessageTimestamp);
        Assert.Equal(0, story.Stats("C2Cbob")!.MessageCount);
    }

    [Fact]
    public void Messages_in_the_system_conversation_fold_like_any_other()
    {
        var story = new Scenario().Receive("@TIM#SYSTEM", "s1", from: "admin");

        Assert.Equal(ConversationType.System, story["@TIM#SYSTEM"].Type);
        Assert.Equal(1, story["@TIM#SYSTEM"].UnreadCount);
        Assert.Empty(story["@TIM#SYSTEM"].GroupAtInfoList);
    }

    [Fact]
    public void Applying_an_unknown_event_throws_rather_than_skipping_a_fact()
    {
        var state = new Scenario().State;

        Assert.Throws<InvalidOperationException>(() => state.Apply(new UnknownEvent(1)));
    }

    [Fact]
    public void Deciding_an_unknown_command_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Scenario().Try(new UnknownCommand()));
    }

    private sealed record UnknownEvent(long At) : IConversationEvent;

    private sealed record UnknownCommand : Commands.IConversationCommand;
}
