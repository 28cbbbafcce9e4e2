using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.State;

/// <summary>
/// The unread messages of one conversation. The timestamps of the newest
/// <see cref="ConversationSettings.TrackedUnreadPerConversation"/> are kept (sorted), so a partial read
/// is exact for them; older ones are only counted, with the largest timestamp among them, and a read
/// up to at least that timestamp clears them too. A read that ends below it keeps them (never under-counts).
/// A value kept inside its entry, the tracked timestamps in one exactly sized array (issue #14: 8 bytes a tracked
/// message; the array is copied on change, so versions never share a change).
/// </summary>
public readonly record struct UnreadLedger(int Count, ImmutableArray<long> Tracked, long OverflowMaxTimestamp)
{
    public static UnreadLedger Empty { get; } = new(0, [], 0);

    /// <summary>Unread messages whose timestamps are not tracked.</summary>
    [JsonIgnore]
    public int Overflow => Count - TrackedCount;

    /// <summary>How many timestamps are tracked (a default ledger tracks none).</summary>
    [JsonIgnore]
    public int TrackedCount => Tracked.IsDefault ? 0 : Tracked.Length;

    public UnreadLedger Add(long timestamp)
    {
        var tracked = Tracked.IsDefault ? [] : Tracked;
        tracked = tracked.Insert(UpperBound(tracked, timestamp), timestamp);
        var overflowMax = OverflowMaxTimestamp;
        if (tracked.Length > ConversationSettings.TrackedUnreadPerConversation)
        {
            overflowMax = Math.Max(overflowMax, tracked[0]);
            tracked = tracked.RemoveAt(0);
        }

        return new UnreadLedger(Count + 1, tracked, overflowMax);
    }

    /// <summary>Clears every unread message at or before <paramref name="upTo"/> (inclusive).</summary>
    public UnreadLedger ClearUpTo(long upTo)
    {
        var tracked = Tracked.IsDefault ? [] : Tracked;
        var cut = UpperBound(tracked, upTo);
        var overflow = upTo >= OverflowMaxTimestamp ? 0 : Overflow;
        tracked = cut == 0 ? tracked : tracked.RemoveRange(0, cut);
        return overflow == 0 && tracked.Length == 0 ? Empty : new UnreadLedger(tracked.Length + overflow, tracked, overflow == 0 ? 0 : OverflowMaxTimestamp);
    }

    /// <summary>True when a read up to <paramref name="upTo"/> would change the count.</summary>
    public bool HasUnreadAtOrBefore(long upTo) =>
        (TrackedCount > 0 && Tracked[0] <= upTo) || (Overflow > 0 && upTo >= OverflowMaxTimestamp);

    private static int UpperBound(ImmutableArray<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
