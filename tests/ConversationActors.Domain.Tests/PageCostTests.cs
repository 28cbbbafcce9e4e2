using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>Issue #14: a page costs O(page), not O(list): what it allocates does not grow with the list behind it.</summary>
public class PageCostTests
{
    [Fact]
    public void A_page_of_100_allocates_about_the_same_from_500_and_from_5000_conversations()
    {
        var small = Allocated(Holding(500));
        var large = Allocated(Holding(5000));

        Assert.InRange(large, 0, small * 1.2);
    }

    private static Scenario Holding(int conversations)
    {
        var story = new Scenario(new ConversationSettings { MaxConversations = conversations });
        for (var i = 0; i < conversations; i++)
        {
            story.Receive($"C2Cpc-{i}", $"m{i}", from: $"pc-{i}");
        }

        return story;
    }

    /// <summary>Bytes allocated by the second page of 100 (the first run warms the code), on this thread.</summary>
    private static long Allocated(Scenario story)
    {
        var first = ListQueries.Page(story.State, PagePosition.Start, 100, story.Now, story.Settings.RetentionMs);
        ListQueries.Page(story.State, first.Next, 100, story.Now, story.Settings.RetentionMs);
        var before = GC.GetAllocatedBytesForCurrentThread();
        ListQueries.Page(story.State, first.Next, 100, story.Now, story.Settings.RetentionMs);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
