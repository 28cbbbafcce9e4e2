using ConversationActors.Domain.Events;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 conversation deleted.</summary>
public class DeleteTests
{
    [Fact]
    public void A_deleted_conversation_is_removed_from_every_answer()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol");

        story.Accepts<ConversationDeleted>(Cmd.Delete("C2Cbob"));

        Assert.Equal(["C2Ccarol"], story.Ids);
        Assert.Null(story.Find("C2Cbob"));
        Assert.Empty(story.Batch("C2Cbob"));
        Assert.Equal(1, story.TotalUnread);
    }

    [Fact]
    public void A_later_message_creates_it_afresh_at_the_top_with_a_new_orderKey()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1").Receive("C2Cbob", "m2").Pin("C2Cbob").Draft("C2Cbob", "x")
            .Receive("C2Ccarol", "c1", from: "carol")
            .Delete("C2Cbob");
        var created = story.Now;

        story.Receive("C2Cbob", "m3");

        var conversation = story["C2Cbob"];
        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.False(conversation.IsPinned);
        Assert.Null(conversation.DraftText);
        Assert.Equal(6, conversation.OrderKey);
        Assert.Equal(1, story.Stats("C2Cbob")!.MessageCount);
        Assert.Equal(created, story.Stats("C2Cbob")!.CreatedAt);
    }

    [Fact]
    public void A_late_message_after_delete_creates_the_conversation_even_if_older_than_the_deleted_history()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start + 20).Delete("C2Cbob");

        story.Receive("C2Cbob", "m1", Scenario.Start + 10);

        Assert.Equal("m1", story["C2Cbob"].LastMessage!.MsgID);
    }

    [Fact]
    public void Deleting_a_pinned_conversation_removes_it()
    {
        var story = new Scenario().Pin("C2Cbob").Delete("C2Cbob");

        Assert.Empty(story.List);
    }
}
