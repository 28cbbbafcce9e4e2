using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Protocol;
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
        var state = ConversationSet.Empty("owner", 100);
        history.Start(state, 0, 0, 0);
        var feed = ChangeFeed.Start(state, 0, 0, 0);
        foreach (var e in events)
        {
            var before = state;
            state = state.Apply(e.Event);
            var record = history.Record(before, state, e.Event, e.Seq, 0);
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
    public void Before_a_stream_registers_nothing_is_recorded_and_it_answers_only_that_nothing_follows_the_last_event()
    {
        var state = ConversationSet.Empty("owner", 100).Apply(Message(1, "p", "p"));

        // Nothing follows the last event: known without a record, so a new stream needs no journal fold (its total
        // comes with its first frame); the total at event 8 is unknown, so a resume at 8 reads the journal, as does an
        // older one.
        var atEnd = ChangeDelivery.Answer(null, new GetChanges("owner", 8, 10), state, 8, T + 2, 0);
        Assert.Empty(atEnd.Changes!);
        Assert.Null(atEnd.TotalUnreadCount);
        Assert.Null(ChangeDelivery.Answer(null, new GetChanges("owner", 7, 10), state, 8, T + 2, 0).Changes);
        Assert.Equal(1, ChangeDelivery.Answer(null, new GetChanges("owner", null, 10), state, 8, T + 2, 0).TotalUnreadCount);
    }

    [Fact]
    public void An_event_with_more_items_than_a_message_carries_is_recorded_as_oversized_and_answers_stop_before_it()
    {
        var set = ConversationSet.Empty("owner", 1000).Apply(new ConversationGroupCreated("big", T));
        var seq = 1L;
        for (var i = 1; i <= ChangeHistory.MaxItems + 1; i++)
        {
            set = set.Apply(Message(i, $"p{i}", "owner")).Apply(new ConversationAddedToGroup($"C2Cp{i}", "big", T + i));
            seq += 2;
        }

        var history = new ChangeHistory(capacity: 10);
        history.Start(set, seq, T + 499, 0);
        var create = new ConversationGroupCreated("other", T + 500);
        var created = set.Apply(create);
        history.Record(set, created, create, seq + 1, 0);
        var rename = new ConversationGroupRenamed("big", "huge", T + 501);
        var renamed = created.Apply(rename);
        var record = history.Record(created, renamed, rename, seq + 2, 0);

        Assert.True(record.Oversized);
        Assert.Empty(record.Items);
        Assert.Equal(ChangeHistory.MaxItems + 1, ChangeFeed.Diff(created, renamed, TouchedConversations.Of(created, renamed, rename), seq + 2, T + 501, 0).Count);
        Assert.Equal([seq + 1], history.Since(seq, 10, seq + 2).Changes!.Select(c => c.SequenceNr)); // stops before it
        Assert.Null(history.Since(seq + 1, 10, seq + 2).Changes); // the next one is oversized: read the journal
        Assert.Empty(history.Since(seq + 2, 10, seq + 2).Changes!);
    }

    [Fact]
    public void Answers_stay_far_below_a_remoting_frame_even_when_each_event_carries_a_large_draft()
    {
        var history = new ChangeHistory(capacity: 32);
        var set = ConversationSet.Empty("owner", 100);
        history.Start(set, 0, T, 0);
        for (var i = 1; i <= 20; i++)
        {
            var draft = new DraftSet("C2Cpeer", new string((char)('a' + (i % 2)), 8000), T + i, false, []);
            var next = set.Apply(draft);
            history.Record(set, next, draft, i, 0);
            set = next;
        }

        var answer = history.Since(0, 32, 20);
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer, ConversationActors.Actors.Serialization.PayloadCodec.Options).Length;

        Assert.InRange(answer.Changes!.Count, 1, 19);
        Assert.InRange(bytes, 1, ChangeHistory.MaxBytes);
        Assert.Equal(1L, answer.Changes[0].SequenceNr);
        Assert.All(answer.Changes, c => Assert.False(c.Oversized)); // one 8 KB draft still travels as items
    }
}
