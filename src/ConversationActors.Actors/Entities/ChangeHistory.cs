using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// The change feed's memory in a conversation-set entity (issue 15): the items of the latest
/// <c>changes.history-size</c> events, computed once per durable event with <see cref="ChangeFeed.Diff"/>, so a stream
/// that resumes within that window is answered from here and no stream folds the journal or holds the user's state.
/// Its start (the <see cref="_base"/>) is where the entity recovered, or the newest record it has dropped.
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

    /// <summary>
    /// Recovery ended at <paramref name="seq"/>. <paramref name="total"/> is the total after it (judged at that event's
    /// server time), or null when it is unknown (recovered from a snapshot with no event after it): resumes then go to
    /// the journal until the history has records.
    /// </summary>
    public void Reset(long seq, long? total)
    {
        _records?.Clear();
        _base = total is { } t ? (seq, t) : null;
    }

    /// <summary>Records event <paramref name="seq"/> (server time <paramref name="at"/>, ms since epoch) that turned <paramref name="before"/> into <paramref name="after"/>.</summary>
    public EventChanges Record(ConversationSet before, ConversationSet after, long seq, long at, long retentionMs)
    {
        var items = ChangeFeed.Diff(before, after, seq, at, retentionMs);
        var total = ListQueries.TotalUnread(after, at, retentionMs);
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
