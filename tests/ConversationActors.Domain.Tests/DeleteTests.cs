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
    public void A_late_message_at_or_before_the_delete_watermark_records_nothing_and_does_not_recreate()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start + 20).Delete("C2Cbob");

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start + 10));
        story.ChangesNothing(Cmd.Message("C2Cbob", "m3", "bob", Scenario.Start + 20));

        Assert.Null(story.Find("C2Cbob"));
        Assert.Empty(story.List);
    }

    [Fact]
    public void A_message_newer_than_the_delete_watermark_creates_the_conversation_afresh()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start + 20).Delete("C2Cbob");

        story.Receive("C2Cbob", "m3", Scenario.Start + 21);

        Assert.Equal("m3", story["C2Cbob"].LastMessage!.MsgID);
        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void The_delete_watermark_still_holds_after_the_conversation_is_created_again()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start + 20).Delete("C2Cbob")
            .Receive("C2Cbob", "m3", Scenario.Start + 30);

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start + 10));

        Assert.Equal("m3", story["C2Cbob"].LastMessage!.MsgID);
        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Deleting_a_conversation_without_messages_records_no_watermark()
    {
        var story = new Scenario().Pin("C2Cbob").Delete("C2Cbob");

        story.Receive("C2Cbob", "m1", Scenario.Start - 10_000);

        Assert.Equal("m1", story["C2Cbob"].LastMessage!.MsgID);
    }

    [Fact]
    public void Delete_many_records_the_watermark_too()
    {
        var story = new Scenario().Receive("C2Cbob", "m2", Scenario.Start + 20).Do(Cmd.DeleteMany(false, "C2Cbob"));

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start + 10));
    }

    [Fact]
    public void Delete_watermarks_are_bounded_and_the_oldest_goes_first()
    {
        var story = new Scenario();
        for (var i = 0; i <= ConversationSettings.DeleteWatermarksPerUser; i++)
        {
            var id = $"C2Cpeer{i}";
            story.Receive(id, "m", Scenario.Start + i, from: $"peer{i}").Delete(id);
        }

        Assert.Equal(ConversationSettings.DeleteWatermarksPerUser, story.State.DeleteWatermarks.Count);
        story.Receive("C2Cpeer0", "old", Scenario.Start - 1, from: "peer0");
        Assert.NotNull(story.Find("C2Cpeer0"));
        story.ChangesNothing(Cmd.Message("C2Cpeer1", "old", "peer1", Scenario.Start + 1));
    }

    [Fact]
    public void Deleting_a_pinned_conversation_removes_it()
    {
        var story = new Scenario().Pin("C2Cbob").Delete("C2Cbob");

        Assert.Empty(story.List);
    }
}
