using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// The change feed's memory in a conversation-set entity (issue 15): the items of the latest
/// <c>changes.history-size</c> events, computed once per durable event from the conversations it touched
/// (<see cref="TouchedConversations"/>, <see cref="ChangeFeed.Diff"/>) with a running total (<see cref="UnreadTotal"/>),
/// so a stream that resumes within that window is answered from here and no stream folds the journal or holds the
/// user's state. Its start (the <see cref="_base"/>) is where it started recording, or the newest record it has dropped.
/// </summary>
public sealed class ChangeHistory(int capacity)
{
    /// <summary>
    /// Most items one message carries: an event with more is recorded as <see cref="EventChanges.Oversized"/>, and an
    /// answer stops adding events once it holds this many.
    /// </summary>
    public const int MaxItems = 64;

    /// <summary>
    /// Most bytes (a generous estimate of the JSON) one message carries, well below Akka remoting's 128 KB frame
    /// (a view with an 8 KB draft or a thousand @ entries is large): the same rule as <see cref="MaxItems"/>.
    /// </summary>
    public const int MaxBytes = 48 * 1024;

    /// <summary>Made on the first recorded event: an entity that is only read holds none (issue #14).</summary>
    private Queue<EventChanges>? _records;
    private (long Seq, long Total)? _base;
    private UnreadTotal _unread;

    /// <summary>
    /// Starts recording after event <paramref name="seq"/> of <paramref name="state"/>, with the total judged at
    /// <paramref name="now"/> (ms since epoch): the total a resume at <paramref name="seq"/> starts from.
    /// </summary>
    public void Start(ConversationSet state, long seq, long now, long retentionMs)
    {
        _records?.Clear();
        _unread = UnreadTotal.Of(state, now, retentionMs);
        _base = (seq, _unread.Total);
    }

    /// <summary>Records event <paramref name="seq"/>, <paramref name="e"/>, that turned <paramref name="before"/> into <paramref name="after"/>.</summary>
    public EventChanges Record(ConversationSet before, ConversationSet after, IConversationEvent e, long seq, long retentionMs)
    {
        var touched = TouchedConversations.Of(before, after, e);
        var items = ChangeFeed.Diff(before, after, touched, seq, e.At, retentionMs);
        _unread = _unread.Step(before, after, touched, e.At, retentionMs);
        var total = _unread.Total;
        var record = items.Count > MaxItems || items.Sum(ApproxBytes) > MaxBytes
            ? new EventChanges(after.OwnerID, seq, [], total, Oversized: true)
            : new EventChanges(after.OwnerID, seq, items, total);
        (_records ??= new()).Enqueue(record);
        while (_records.Count > capacity)
        {
            var dropped = _records.Dequeue();
            _base = (dropped.SequenceNr, dropped.TotalUnreadCount);
        }

        return record;
    }

    /// <summary>
    /// The answer to a resume after <paramref name="after"/>: the total after it and the next (at most
    /// <paramref name="max"/>) events' changes, up to <see cref="MaxItems"/> items (at least one event) and stopping
    /// before an oversized event; no changes (null) when the history does not reach back that far or the next event is
    /// oversized (the stream reads the journal).
    /// </summary>
    public ChangesAnswer Since(long after, int max, long lastSeq)
    {
        if (after > lastSeq)
        {
            return new ChangesAnswer(lastSeq, null, null);
        }

        long? total = _base is { } b && b.Seq == after ? b.Total : null;
        var next = new List<EventChanges>();
        var items = 0;
        var bytes = 0;
        foreach (var record in _records ?? [])
        {
            if (record.SequenceNr == after)
            {
                total = record.TotalUnreadCount;
                continue;
            }

            if (record.SequenceNr < after || total is null)
            {
                continue;
            }

            if (record.Oversized && next.Count == 0)
            {
                return new ChangesAnswer(lastSeq, null, null);
            }

            var recordBytes = record.Items.Sum(ApproxBytes);
            if (record.Oversized || next.Count == max || (next.Count > 0 && (items + record.Items.Count > MaxItems || bytes + recordBytes > MaxBytes)))
            {
                break;
            }

            next.Add(record);
            items += record.Items.Count;
            bytes += recordBytes;
        }

        return total is not null ? new ChangesAnswer(lastSeq, total, next)
            : after == lastSeq ? new ChangesAnswer(lastSeq, null, []) // nothing follows the last event, total unknown (recovered from a snapshot)
            : new ChangesAnswer(lastSeq, null, null);
    }

    /// <summary>An upper estimate of an item's JSON: fixed fields, then every free text at 3 bytes per UTF-16 unit.</summary>
    public static int ApproxBytes(ChangeItem item) => item.Conversation is not { } v
        ? 128
        : 1024 + (3 * ((v.DraftText?.Length ?? 0) + (v.LastMessage?.Summary.Length ?? 0) + (v.CustomData?.Length ?? 0) + (v.FriendRemark?.Length ?? 0)))
            + (v.GroupAtInfoList.Count * 128) + (v.MarkList.Count * 24) + v.ConversationGroupList.Sum(g => 8 + (3 * g.Length));
}
