using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 4.1 paging: a page continues strictly after the position of the last item returned.</summary>
public class PagingTests
{
    private static Scenario FiveConversations() => new Scenario()
        .Receive("C2Ca", "1", from: "a")
        .Receive("C2Cb", "2", from: "b")
        .Receive("C2Cc", "3", from: "c")
        .Receive("C2Cd", "4", from: "d")
        .Receive("C2Ce", "5", from: "e")
        .Pin("C2Cb");

    private static IReadOnlyList<string> Ids(ConversationPage page) => page.ConversationList.Select(c => c.ConversationID).ToArray();

    [Fact]
    public void Pages_walk_the_list_in_order_and_the_last_one_is_finished()
    {
        var story = FiveConversations();

        var first = story.Page(PagePosition.Start, 2);
        var second = story.Page(first.Next, 2);
        var third = story.Page(second.Next, 2);

        Assert.Equal(["C2Cb", "C2Ce"], Ids(first));
        Assert.False(first.IsFinished);
        Assert.Equal(PagePosition.After(false, 5), first.Next);
        Assert.Equal(["C2Cd", "C2Cc"], Ids(second));
        Assert.Equal(["C2Ca"], Ids(third));
        Assert.True(third.IsFinished);
        Assert.Equal(PagePosition.End, third.Next);
    }

    [Fact]
    public void A_page_that_ends_exactly_at_the_last_item_is_finished()
    {
        var story = FiveConversations();

        var page = story.Page(PagePosition.Start, 5);

        Assert.Equal(5, page.ConversationList.Count);
        Assert.True(page.IsFinished);
        Assert.Equal(PagePosition.End, page.Next);
    }

    [Fact]
    public void The_unpaged_list_is_one_finished_page_whose_cursor_gives_an_empty_finished_page()
    {
        var story = FiveConversations();

        var all = ListQueries.All(story.State, story.Now, story.Settings.RetentionMs);
        var after = story.Page(all.Next, 100);

        Assert.True(all.IsFinished);
        Assert.Empty(after.ConversationList);
        Assert.True(after.IsFinished);
    }

    [Fact]
    public void A_conversation_activated_during_a_traversal_moves_to_the_front_and_is_not_returned_again()
    {
        var story = FiveConversations();
        var first = story.Page(PagePosition.Start, 3);

        story.Receive("C2Ce", "6", from: "e");
        var rest = story.Page(first.Next, 10);

        Assert.Equal(["C2Cb", "C2Ce", "C2Cd"], Ids(first));
        Assert.Equal(["C2Cc", "C2Ca"], Ids(rest));
    }

    [Fact]
    public void A_conversation_activated_from_beyond_the_cursor_is_skipped_and_left_to_the_change_feed()
    {
        var story = FiveConversations();
        var first = story.Page(PagePosition.Start, 2);

        story.Receive("C2Ca", "6", from: "a");
        var rest = story.Page(first.Next, 10);

        Assert.Equal(["C2Cd", "C2Cc"], Ids(rest));
    }

    [Fact]
    public void A_conversation_unpinned_during_a_traversal_may_be_returned_again()
    {
        var story = FiveConversations();
        var first = story.Page(PagePosition.Start, 1);

        story.Unpin("C2Cb");
        var rest = story.Page(first.Next, 10);

        // C2Cb keeps orderKey 6, the highest unpinned one: it moved backwards, behind the cursor's pinned place.
        Assert.Equal(["C2Cb"], Ids(first));
        Assert.Equal(["C2Cb", "C2Ce", "C2Cd", "C2Cc", "C2Ca"], Ids(rest));
    }

    [Fact]
    public void The_cursor_stays_valid_when_its_item_is_deleted_or_moves()
    {
        var story = FiveConversations();
        var first = story.Page(PagePosition.Start, 3);

        story.Delete("C2Cd");
        Assert.Equal(["C2Cc", "C2Ca"], Ids(story.Page(first.Next, 10)));

        story.Receive("C2Cf", "7", from: "f");
        Assert.Equal(["C2Cc", "C2Ca"], Ids(story.Page(first.Next, 10)));
    }

    [Fact]
    public void A_cursor_in_the_pinned_part_stays_valid_after_its_item_is_unpinned()
    {
        var story = FiveConversations().Pin("C2Ca");
        var first = story.Page(PagePosition.Start, 1);

        story.Unpin("C2Ca");
        var rest = story.Page(first.Next, 10);

        Assert.Equal(["C2Ca"], Ids(first));
        Assert.Equal(["C2Cb", "C2Ca", "C2Ce", "C2Cd", "C2Cc"], Ids(rest));
    }

    [Fact]
    public void Expired_conversations_are_skipped_and_do_not_make_a_page_unfinished()
    {
        var story = new Scenario()
            .Receive("C2Cold", "1", from: "old")
            .Wait(TimeSpan.FromDays(5))
            .Receive("C2Ca", "2", from: "a")
            .Receive("C2Cb", "3", from: "b")
            .Wait(TimeSpan.FromDays(3));

        var page = story.Page(PagePosition.Start, 2);

        Assert.Equal(["C2Cb", "C2Ca"], Ids(page));
        Assert.True(page.IsFinished);
    }

    [Fact]
    public void A_page_of_less_than_one_conversation_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FiveConversations().Page(PagePosition.Start, 0));
    }

    [Fact]
    public void The_page_size_settings_are_the_spec_defaults()
    {
        Assert.Equal(500, ConversationSettings.Default.PageMax);
        Assert.Equal(100, ConversationSettings.Default.PageDefault);
        Assert.Equal(100, ConversationSettings.Default.BatchMax);
    }
}
