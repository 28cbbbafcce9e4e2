using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>Issue #10 marks (markConversation) and custom data: per-ID results, limits, and the HIDE rules.</summary>
public class MarkTests
{
    private static Scenario Three() => new Scenario().Receive("C2Cbob", "b1").Receive("C2Ccarol", "c1", from: "carol").Receive("GROUPg1", "g1", from: "dave");

    [Fact]
    public void Marking_answers_a_result_per_distinct_ID_records_one_event_per_changed_conversation_and_moves_nothing()
    {
        var story = Three();
        var before = story.Ids;

        var decision = story.Try(Cmd.Mark(ConversationMarks.Star, true, "C2Cbob", "C2Cnobody", "c2c_bob", "GROUPg1"));

        Assert.Null(decision.Refusal);
        Assert.Equal(
            [("C2Cbob", ErrorCode.Ok), ("C2Cnobody", ErrorCode.ConversationNotFound), ("GROUPg1", ErrorCode.Ok)],
            decision.Results!.Select(r => (r.ConversationID, r.ResultCode)));
        Assert.Contains("does not exist", decision.Results![1].ResultInfo);
        Assert.Equal(["C2Cbob", "GROUPg1"], decision.Events.Cast<ConversationMarked>().Select(e => e.ConversationID));
        Assert.Equal([ConversationMarks.Star], story["C2Cbob"].MarkList);
        Assert.Empty(story["C2Ccarol"].MarkList);
        Assert.Equal(before, story.Ids);
    }

    [Fact]
    public void Marks_add_up_to_a_mask_rendered_lowest_first_and_clear_one_at_a_time()
    {
        var story = Three().Mark(1UL << 63, true, "C2Cbob").Mark(ConversationMarks.Fold, true, "C2Cbob").Mark(ConversationMarks.Star, true, "C2Cbob");

        Assert.Equal([ConversationMarks.Star, ConversationMarks.Fold, 1UL << 63], story["C2Cbob"].MarkList);

        story.Mark(ConversationMarks.Fold, false, "C2Cbob");
        Assert.Equal([ConversationMarks.Star, 1UL << 63], story["C2Cbob"].MarkList);
    }

    [Fact]
    public void Setting_a_mark_already_set_answers_ok_and_records_nothing()
    {
        var story = Three().Mark(ConversationMarks.Star, true, "C2Cbob");

        var decision = story.Try(Cmd.Mark(ConversationMarks.Star, true, "C2Cbob"));

        Assert.Empty(decision.Events);
        Assert.Equal(ErrorCode.Ok, Assert.Single(decision.Results!).ResultCode);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(3UL)]
    [InlineData(0x10UL)]
    [InlineData(1UL << 31)]
    [InlineData((1UL << 32) | 1UL)]
    public void A_markType_that_is_not_one_standard_or_custom_mark_is_refused(ulong markType)
    {
        var refusal = Three().Refuses(Cmd.Mark(markType, true, "C2Cbob"), ErrorCode.InvalidParameter);

        Assert.Contains("markType", refusal.Desc);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void An_empty_list_or_more_than_batch_max_IDs_is_refused(int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"C2Cu{i}").ToArray();

        var refusal = Three().Refuses(Cmd.Mark(ConversationMarks.Star, true, ids), ErrorCode.InvalidParameter);

        Assert.Contains("conversationIDList", refusal.Desc);
    }

    [Fact]
    public void The_UNREAD_mark_does_not_change_unreadCount()
    {
        var story = Three().Read("C2Cbob");

        story.Mark(ConversationMarks.Unread, true, "C2Cbob", "C2Ccarol");

        Assert.Equal(0, story["C2Cbob"].UnreadCount);
        Assert.Equal(1, story["C2Ccarol"].UnreadCount);
        Assert.Equal(2, story.TotalUnread);
    }

    [Fact]
    public void A_hidden_conversation_is_left_out_of_lists_and_pages_but_answered_by_get_and_batch_and_still_counts_unread()
    {
        var story = Three().Mark(ConversationMarks.Hide, true, "C2Ccarol");

        Assert.Equal(["GROUPg1", "C2Cbob"], story.Ids);
        Assert.Equal(["GROUPg1", "C2Cbob"], story.Page(PagePosition.Start, 5).ConversationList.Select(c => c.ConversationID));
        Assert.Equal([ConversationMarks.Hide], story["C2Ccarol"].MarkList);
        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Batch("C2Ccarol", "C2Cbob").Select(c => c.ConversationID));
        Assert.Equal(3, story.TotalUnread);
        Assert.Equal(["C2Ccarol"], story.Filtered(new ConversationFilter(MarkType: ConversationMarks.Hide)).Select(c => c.ConversationID));
    }

    [Fact]
    public void The_next_message_clears_HIDE_and_brings_the_conversation_back_to_the_top()
    {
        var story = Three().Mark(ConversationMarks.Hide, true, "C2Ccarol").Mark(ConversationMarks.Star, true, "C2Ccarol");

        story.Receive("C2Ccarol", "c2", from: "carol");

        Assert.Equal(["C2Ccarol", "GROUPg1", "C2Cbob"], story.Ids);
        Assert.Equal([ConversationMarks.Star], story["C2Ccarol"].MarkList);
    }

    [Fact]
    public void A_late_message_that_does_not_become_lastMessage_keeps_the_conversation_hidden()
    {
        var story = Three();
        var early = story.Now - 60_000;
        story.Mark(ConversationMarks.Hide, true, "C2Ccarol");

        story.Receive("C2Ccarol", "c0", early, from: "carol");

        Assert.DoesNotContain("C2Ccarol", story.Ids);
        Assert.Equal(2, story["C2Ccarol"].UnreadCount);
    }

    [Fact]
    public void A_deleted_conversation_loses_its_marks_and_custom_data_and_comes_back_without_them()
    {
        var story = Three().Mark(ConversationMarks.Hide, true, "C2Cbob").Do(Cmd.CustomData("x", "C2Cbob")).Delete("C2Cbob");

        story.Draft("C2Cbob", "again");

        Assert.Empty(story["C2Cbob"].MarkList);
        Assert.Null(story["C2Cbob"].CustomData);
    }

    [Fact]
    public void Custom_data_is_set_on_many_conversations_with_per_ID_results_and_cleared_by_empty_text()
    {
        var story = Three();

        var decision = story.Try(Cmd.CustomData("{\"tag\":1}", "C2Cbob", "GROUPg1", "C2Cgone"));

        Assert.Equal([ErrorCode.Ok, ErrorCode.Ok, ErrorCode.ConversationNotFound], decision.Results!.Select(r => r.ResultCode));
        Assert.Equal("{\"tag\":1}", story["GROUPg1"].CustomData);
        Assert.Equal(2, decision.Events.Count);
        story.Do(Cmd.CustomData("", "C2Cbob"));
        Assert.Null(story["C2Cbob"].CustomData);
        Assert.Empty(story.Try(Cmd.CustomData(null, "C2Cbob")).Events);
    }

    [Fact]
    public void Custom_data_may_be_256_bytes_of_UTF8_and_no_more()
    {
        var story = Three();

        story.Do(Cmd.CustomData(new string('é', 128), "C2Cbob"));
        var refusal = story.Refuses(Cmd.CustomData(new string('x', 255) + "é", "C2Cbob"), ErrorCode.InvalidParameter);

        Assert.Contains("customData", refusal.Desc);
        Assert.Contains("256", refusal.Desc);
    }
}
