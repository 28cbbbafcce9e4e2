using ConversationActors.Actors.Entities;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests;

/// <summary>Issue 15: the entity's bounded change history gives the same items as the pure feed, and only as far back as it reaches.</summary>
public sealed class ChangeHistoryTests
{
    private const long T = 1_790_000_000_000;

    private static IConversationEvent Message(int i, string peer, string sender) =>
        new MessageAdded("C2C" + peer, $"m{i}", sender, T + i, ElemType.Text, "hi", [], false, null, null, true, T + i, false, []);

    [Fact]
    public void It_records_the_pure_feeds_items_and_totals_and_answers_only_within_its_window()
    {
        var events = Enumerable.Range(1, 6).Select(i => new JournalEvent(i, Message(i, $"p{i % 2}", i % 3 == 0 ? "owner" : $"p{i % 2}"))).ToArray();
        var history = new ChangeHistory(capacity: 3);
        history.Reset(0, 0);
        var state = ConversationSet.Empty("owner", 100);
        var feed = ChangeFeed.Start(state, 0, 0, 0);
        foreach (var e in events)
        {
            var before = state;
            state = state.Apply(e.Event);
            var record = history.Record(before, state, e.Seq, e.Event.At, 0);
            (feed, var items) = feed.Step(e);

            Assert.Equal(items.Where(item => item.Kind != ChangeKind.TotalUnreadChanged), record.Items);
            Assert.Equal(feed.TotalUnread, record.TotalUnreadCount);
        }

        Assert.Null(history.Since(2, 10, lastSeq: 6).Changes); // events 4-6 are kept; after 2 needs event 3
        var fromThree = history.Since(3, 10, lastSeq: 6);
        Assert.Equal([4L, 5, 6], fromThree.Changes!.Select(c => c.SequenceNr));
        Assert.Equal([5L], history.Since(4, 1, lastSeq: 6).Changes!.Select(c => c.SequenceNr));
        Assert.Empty(history.Since(6, 10, lastSeq: 6).Changes!);
        Assert.Null(history.Since(7, 10, lastSeq: 6).Changes);
        Assert.Equal(history.Since(5, 10, lastSeq: 6).TotalUnreadCount, fromThree.Changes![1].TotalUnreadCount);
    }

    [Fact]
    public void After_a_recovery_whose_total_is_unknown_it_answers_nothing_until_it_has_records()
    {
        var history = new ChangeHistory(capacity: 3);
        history.Reset(8, null);
        Assert.Null(history.Since(8, 10, lastSeq: 8).Changes);

        var before = ConversationSet.Empty("owner", 100);
        history.Record(before, before.Apply(Message(9, "p", "p")), 9, T + 9, 0);

        Assert.Null(history.Since(8, 10, lastSeq: 9).Changes);
        Assert.Empty(history.Since(9, 10, lastSeq: 9).Changes!);
        Assert.Equal(1, history.Since(9, 10, lastSeq: 9).TotalUnreadCount);
    }
}
