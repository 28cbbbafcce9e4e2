using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 read (cleanUnread) and 3.4 read watermark.</summary>
public class ReadWatermarkTests
{
    private const long T = Scenario.Start;

    [Fact]
    public void A_full_read_clears_unread_and_at_entries()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { AtAll = true })
            .Receive("GROUPg1", "m2")
            .Read("GROUPg1");

        Assert.Equal(0, story["GROUPg1"].UnreadCount);
        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
        Assert.Equal(0, story.TotalUnread);
    }

    [Fact]
    public void Reading_does_not_activate_or_move_the_conversation()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol");
        var before = story.Ids;

        story.Read("C2Cbob");

        Assert.Equal(before, story.Ids);
        Assert.Equal(1, story["C2Cbob"].OrderKey);
    }

    [Fact]
    public void A_read_up_to_a_timestamp_clears_only_messages_at_or_before_it()
    {
        var story = new Scenario(Settings.Forever)
            .Receive("GROUPg1", "m1", T + 10, with: m => m with { AtAll = true })
            .Receive("GROUPg1", "m2", T + 20, with: m => m with { AtAll = true })
            .Receive("GROUPg1", "m3", T + 30, with: m => m with { AtAll = true })
            .Read("GROUPg1", T + 20);

        Assert.Equal(1, story["GROUPg1"].UnreadCount);
        Assert.Equal([new GroupAtInfo("m3", AtType.AtAll)], story["GROUPg1"].GroupAtInfoList);
    }

    [Fact]
    public void A_read_records_a_watermark_so_a_late_message_at_or_before_it_adds_no_unread_and_no_at_entry()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m2", T + 20)
            .Read("GROUPg1", T + 20)
            .Receive("GROUPg1", "m1", T + 20, with: m => m with { AtAll = true })
            .Receive("GROUPg0", "x", T + 5)
            .Receive("GROUPg1", "m0", T + 10, with: m => m with { AtUserIDs = [Scenario.Owner] });

        Assert.Equal(0, story["GROUPg1"].UnreadCount);
        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
        Assert.Equal(3, story.Stats("GROUPg1")!.MessageCount);
    }

    [Fact]
    public void A_late_message_after_the_watermark_still_counts()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m3", T + 30)
            .Read("C2Cbob", T + 10)
            .Receive("C2Cbob", "m2", T + 20);

        Assert.Equal(2, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Without_upToTimestamp_the_watermark_is_the_newest_message_timestamp()
    {
        var story = new Scenario().Receive("C2Cbob", "m3", T + 30).Receive("C2Cbob", "m1", T + 10);

        var read = story.Accepts<ConversationRead>(Cmd.Read("C2Cbob"));
        Assert.True(read.Full);
        Assert.Equal(T + 30, read.UpToTimestamp);

        story.Receive("C2Cbob", "m2", T + 30).Receive("C2Cbob", "m4", T + 31);
        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void A_future_upToTimestamp_is_a_full_read_up_to_server_time()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", T - 100).Receive("C2Cbob", "m2", T + 200_000);
        var now = story.Now;

        var read = story.Accepts<ConversationRead>(Cmd.Read("C2Cbob", now + 3_600_000));

        Assert.True(read.Full);
        Assert.Equal(T + 200_000, read.UpToTimestamp);
        Assert.Equal(0, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void A_future_read_marks_messages_sent_before_the_read_as_read_but_not_later_ones()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", T);
        var readAt = story.Now;
        var read = story.Accepts<ConversationRead>(Cmd.Read("C2Cbob", readAt + 3_600_000));
        Assert.Equal(readAt, read.UpToTimestamp);

        story.Receive("C2Cbob", "late", readAt).Receive("C2Cbob", "after", readAt + 1);

        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void A_read_that_changes_nothing_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", T).Read("C2Cbob");

        story.ChangesNothing(Cmd.Read("C2Cbob"));
        story.ChangesNothing(Cmd.Read("C2Cbob", T - 5));
    }

    [Fact]
    public void A_read_of_a_conversation_without_messages_records_nothing()
    {
        var story = new Scenario().Draft("C2Cbob", "hi");

        story.ChangesNothing(Cmd.Read("C2Cbob"));
    }

    [Fact]
    public void A_partial_read_beyond_the_current_watermark_is_recorded_even_with_nothing_unread()
    {
        var story = new Scenario().Send("C2Cbob", "m1", T + 10);

        var read = story.Accepts<ConversationRead>(Cmd.Read("C2Cbob", T + 50));
        Assert.False(read.Full);

        story.Receive("C2Cbob", "m0", T + 40);
        Assert.Equal(0, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void The_watermark_never_moves_backwards()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1", T + 10)
            .Receive("C2Cbob", "m5", T + 50)
            .Read("C2Cbob", T + 50)
            .Receive("C2Cbob", "m6", T + 60)
            .Read("C2Cbob", T + 60)
            .Receive("C2Cbob", "m2", T + 20);

        Assert.Equal(0, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Partial_reads_are_exact_for_the_newest_thousand_unread_and_never_undercount_older_ones()
    {
        var story = new Scenario(Settings.Forever);
        var state = story.State;
        long t = 1_000;
        for (var i = 0; i < 1_200; i++)
        {
            var evt = new MessageAdded("C2Cbob", $"m{i}", "bob", t + i, ElemType.Text, "", [], false, null, null, true, T, false, []);
            state = state.Apply(evt);
        }

        var entry = state.Find("C2Cbob")!;
        Assert.Equal(1_200, entry.UnreadCount);
        Assert.Equal(ConversationSettings.TrackedUnreadPerConversation, entry.Unread.TrackedCount);

        // Timestamps run 1000..2199; the tracked thousand are 1200..2199. A read inside them is exact.
        var partial = state.Apply(new ConversationRead("C2Cbob", t + 499, false, T));
        Assert.Equal(700, partial.Find("C2Cbob")!.UnreadCount);

        // Below the newest untracked one: the 200 untracked stay counted rather than guessed away.
        var low = state.Apply(new ConversationRead("C2Cbob", t + 100, false, T));
        Assert.Equal(1_200, low.Find("C2Cbob")!.UnreadCount);

        // At or beyond the newest untracked one: they are cleared too.
        var beyond = state.Apply(new ConversationRead("C2Cbob", t + 199, false, T));
        Assert.Equal(1_000, beyond.Find("C2Cbob")!.UnreadCount);
    }

    [Fact]
    public void A_late_message_older_than_every_tracked_unread_is_counted()
    {
        var state = new Scenario(Settings.Forever).State;
        for (var i = 0; i < 1_000; i++)
        {
            state = state.Apply(new MessageAdded("C2Cbob", $"m{i}", "bob", 10_000 + i, ElemType.Text, "", [], false, null, null, true, T, false, []));
        }

        state = state.Apply(new MessageAdded("C2Cbob", "late", "bob", 5, ElemType.Text, "", [], false, null, null, true, T, false, []));

        Assert.Equal(1_001, state.Find("C2Cbob")!.UnreadCount);
        Assert.Equal(1_001, state.Apply(new ConversationRead("C2Cbob", 4, false, T)).Find("C2Cbob")!.UnreadCount);
        Assert.Equal(1_000, state.Apply(new ConversationRead("C2Cbob", 5, false, T)).Find("C2Cbob")!.UnreadCount);
        Assert.Equal(0, state.Apply(new ConversationRead("C2Cbob", 20_000, false, T)).Find("C2Cbob")!.UnreadCount);
    }
}
