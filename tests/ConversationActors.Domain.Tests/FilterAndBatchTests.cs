using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>Issue #10 getConversationListByFilter, filtered unread, deleteConversationList and clean unread by scope.</summary>
public class FilterAndBatchTests
{
    /// <summary>bob (1 unread, STAR, folder "work"), carol (read), GROUPg1 (@ me, folder "work"), GROUPg2 (muted counting off).</summary>
    private static Scenario Mixed()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "b1")
            .Receive("C2Ccarol", "c1", from: "carol").Read("C2Ccarol")
            .Receive("GROUPg1", "g1", from: "dave", with: m => m with { AtUserIDs = [Scenario.Owner] })
            .Receive("GROUPg2", "h1", from: "dave", with: m => m with { CountsUnread = false });
        return story.Mark(ConversationMarks.Star, true, "C2Cbob").Do(Cmd.CreateGroup("work", "C2Cbob", "GROUPg1"));
    }

    private static string[] Ids(IEnumerable<ConversationView> list) => list.Select(c => c.ConversationID).ToArray();

    [Fact]
    public void Each_filter_field_narrows_the_list_and_they_combine()
    {
        var story = Mixed();

        Assert.Equal(["C2Ccarol", "C2Cbob"], Ids(story.Filtered(new(ConversationType.C2C))));
        Assert.Equal(["GROUPg2", "GROUPg1"], Ids(story.Filtered(new(ConversationType.Group))));
        Assert.Equal(["C2Cbob"], Ids(story.Filtered(new(MarkType: ConversationMarks.Star))));
        Assert.Equal(["GROUPg1", "C2Cbob"], Ids(story.Filtered(new(ConversationGroup: "work"))));
        Assert.Empty(story.Filtered(new(ConversationGroup: "nothing")));
        Assert.Equal(["GROUPg1", "C2Cbob"], Ids(story.Filtered(new(HasUnread: true))));
        Assert.Equal(["GROUPg2", "C2Ccarol"], Ids(story.Filtered(new(HasUnread: false))));
        Assert.Equal(["GROUPg1"], Ids(story.Filtered(new(HasAt: true))));
        Assert.Equal(["C2Cbob"], Ids(story.Filtered(new(ConversationType.C2C, ConversationGroup: "work", HasUnread: true))));
    }

    [Fact]
    public void Filtered_unread_sums_the_matching_conversations_hidden_ones_included()
    {
        var story = Mixed().Mark(ConversationMarks.Hide, true, "GROUPg1");

        Assert.Equal(2, story.TotalUnread);
        Assert.Equal(1, story.UnreadOf(new(ConversationType.Group)));
        Assert.Equal(2, story.UnreadOf(new(ConversationGroup: "work")));
        Assert.Equal(0, story.UnreadOf(new(MarkType: ConversationMarks.Fold)));
        Assert.Equal(["C2Cbob"], Ids(story.Filtered(new(ConversationGroup: "work"))));
    }

    [Fact]
    public void A_filtered_page_that_runs_out_of_scan_budget_answers_fewer_items_not_finished_and_the_next_page_goes_on()
    {
        var story = new Scenario();
        for (var i = 0; i < 10; i++)
        {
            story.Receive($"C2Cu{i}", $"m{i}");
        }

        story.Mark(ConversationMarks.Star, true, "C2Cu0", "C2Cu1", "C2Cu8");
        var filter = new ConversationFilter(MarkType: ConversationMarks.Star);
        var seen = new List<string>();
        var from = PagePosition.Start;
        var pages = 0;
        while (true)
        {
            var page = ListQueries.Page(story.State, from, 2, story.Now, story.Settings.RetentionMs, filter, scanBudget: 2);
            seen.AddRange(Ids(page.ConversationList));
            pages++;
            if (page.IsFinished)
            {
                break;
            }

            from = page.Next;
        }

        Assert.Equal(["C2Cu8", "C2Cu1", "C2Cu0"], seen);
        Assert.True(pages > 2, "the budget cut some pages short");
    }

    [Fact]
    public void Deleting_many_answers_per_ID_and_records_a_deletion_for_each_existing_one()
    {
        var story = Mixed();

        var decision = story.Try(Cmd.DeleteMany(false, "C2Cbob", "C2Cnobody", "GROUPg2"));

        Assert.Equal([ErrorCode.Ok, ErrorCode.ConversationNotFound, ErrorCode.Ok], decision.Results!.Select(r => r.ResultCode));
        Assert.All(decision.Events, e => Assert.IsType<ConversationDeleted>(e));
        Assert.Equal(["GROUPg1", "C2Ccarol"], story.Ids);
    }

    [Fact]
    public void Deleting_many_with_clearHistory_clears_each_before_deleting_it()
    {
        var story = Mixed().ClearHistory("C2Ccarol");

        var decision = story.Try(Cmd.DeleteMany(true, "C2Cbob", "C2Ccarol"));

        Assert.Equal([typeof(HistoryCleared), typeof(ConversationDeleted), typeof(ConversationDeleted)], decision.Events.Select(e => e.GetType()));
        Assert.Equal(["GROUPg2", "GROUPg1"], story.Ids);
    }

    [Theory]
    [InlineData("c2c", new[] { "C2Cbob" })]
    [InlineData("group", new[] { "GROUPg2", "GROUPg1" })]
    [InlineData("", new[] { "GROUPg2", "GROUPg1", "C2Cbob" })]
    public void Cleaning_unread_by_scope_reads_every_matching_conversation_not_yet_read_in_list_order(string scope, string[] cleaned)
    {
        var story = Mixed().Mark(ConversationMarks.Hide, true, "GROUPg1");

        var decision = story.Try(new CleanUnread(scope, null));

        Assert.Equal(cleaned, decision.Events.Cast<ConversationRead>().Select(e => e.ConversationID));
        Assert.Equal(cleaned, decision.Results!.Select(r => r.ConversationID));
        Assert.All(cleaned, id => Assert.Equal(0, story[id].UnreadCount));
        Assert.All(cleaned, id => Assert.Empty(story[id].GroupAtInfoList));
    }

    [Fact]
    public void Cleaning_unread_up_to_a_timestamp_keeps_later_messages_and_nothing_to_clean_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "b1");
        var cut = story.Now - 1;
        story.Receive("C2Cbob", "b2").Receive("C2Ccarol", "c1", from: "carol");

        story.Do(new CleanUnread("", cut));

        Assert.Equal(1, story["C2Cbob"].UnreadCount);
        Assert.Equal(1, story["C2Ccarol"].UnreadCount);
        story.Do(new CleanUnread("c2c", null));
        story.ChangesNothing(new CleanUnread("", null));
        Assert.Equal(0, story.TotalUnread);
    }

    [Theory]
    [InlineData("C2C", null)]
    [InlineData("all", null)]
    [InlineData("", 0L)]
    public void Cleaning_unread_with_an_unknown_scope_or_a_bad_timestamp_is_refused(string scope, long? upTo)
    {
        new Scenario().Receive("C2Cbob", "b1").Refuses(new CleanUnread(scope, upTo), ErrorCode.InvalidParameter);
    }
}
