using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 history cleared and 3.4 clearHistory watermark.</summary>
public class ClearHistoryTests
{
    private const long T = Scenario.Start;

    [Fact]
    public void Clearing_history_empties_lastMessage_unread_and_at_entries_but_keeps_the_conversation()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { AtAll = true })
            .Draft("GROUPg1", "draft")
            .Receive("C2Cbob", "b1");
        var order = story.Ids;

        story.ClearHistory("GROUPg1");

        var conversation = story["GROUPg1"];
        Assert.Null(conversation.LastMessage);
        Assert.Equal(0, conversation.UnreadCount);
        Assert.Empty(conversation.GroupAtInfoList);
        Assert.Equal("draft", conversation.DraftText);
        Assert.Equal(order, story.Ids);
        Assert.Equal(1, story.TotalUnread);
    }

    [Fact]
    public void A_late_message_at_or_before_the_clear_does_not_come_back_nor_activate_nor_count()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m2", T + 20)
            .Receive("C2Cbob", "b1")
            .ClearHistory("GROUPg1")
            .Receive("GROUPg1", "m1", T + 10, with: m => m with { AtAll = true })
            .Receive("GROUPg1", "m3", T + 20, with: m => m with { AtAll = true });

        Assert.Equal(["C2Cbob", "GROUPg1"], story.Ids);
        Assert.Null(story["GROUPg1"].LastMessage);
        Assert.Equal(0, story["GROUPg1"].UnreadCount);
        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
    }

    [Fact]
    public void Stats_are_not_reset_and_count_messages_blocked_by_the_clear()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", T + 20).ClearHistory("C2Cbob").Receive("C2Cbob", "m1", T + 10);

        var stats = story.Stats("C2Cbob")!;
        Assert.Equal(2, stats.MessageCount);
        Assert.Equal(T + 10, stats.FirstMessageTimestamp);
    }

    [Fact]
    public void A_newer_message_after_the_clear_becomes_lastMessage_and_activates()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", T).Receive("C2Ccarol", "c1", from: "carol").ClearHistory("C2Cbob");

        story.Receive("C2Cbob", "m2", T + 1);

        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
        Assert.Equal("m2", story["C2Cbob"].LastMessage!.MsgID);
        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Clearing_an_already_cleared_history_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").ClearHistory("C2Cbob");

        story.ChangesNothing(Cmd.ClearHistory("C2Cbob"));
    }

    [Fact]
    public void Clearing_a_conversation_that_never_had_messages_records_nothing()
    {
        var story = new Scenario().Pin("C2Cbob");

        story.ChangesNothing(Cmd.ClearHistory("C2Cbob"));
    }

    [Fact]
    public void Clearing_a_read_conversation_still_clears_its_lastMessage()
    {
        var story = new Scenario().Send("C2Cbob", "m1").ClearHistory("C2Cbob");

        Assert.Null(story["C2Cbob"].LastMessage);
    }
}
