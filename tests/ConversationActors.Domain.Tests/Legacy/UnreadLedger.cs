using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// Tests only: the immutable-collections fold as it was before issue #14 (a frozen copy, the reference the compact
/// state is compared with; see <see cref="Equivalence"/>).
/// </summary>
/// <remarks>
/// The unread messages of one conversation. The timestamps of the newest
/// <see cref="ConversationSettings.TrackedUnreadPerConversation"/> are kept (sorted), so a partial read
/// is exact for them; older ones are only counted, with the largest timestamp among them, and a read
/// up to at least that timestamp clears them too. A read that ends below it keeps them (never under-counts).
/// </remarks>
internal sealed record UnreadLedger(int Count, ImmutableList<long> Tracked, long OverflowMaxTimestamp)
{
    public static UnreadLedger Empty { get; } = new(0, ImmutableList<long>.Empty, 0);

    [JsonIgnore]
    public int Overflow => Count - Tracked.Count;

    public UnreadLedger Add(long timestamp)
    {
        var index = UpperBound(Tracked, timestamp);
        var tracked = Tracked.Insert(index, timestamp);
        var overflowMax = OverflowMaxTimestamp;
        if (tracked.Count > ConversationSettings.TrackedUnreadPerConversation)
        {
            overflowMax = Math.Max(overflowMax, tracked[0]);
            tracked = tracked.RemoveAt(0);
        }

        return new UnreadLedger(Count + 1, tracked, overflowMax);
    }

    /// <summary>Clears every unread message at or before <paramref name="upTo"/> (inclusive).</summary>
    public UnreadLedger ClearUpTo(long upTo)
    {
        var cut = UpperBound(Tracked, upTo);
        var overflow = upTo >= OverflowMaxTimestamp ? 0 : Overflow;
        var tracked = Tracked.RemoveRange(0, cut);
        return overflow == 0 && tracked.Count == 0 ? Empty : new UnreadLedger(tracked.Count + overflow, tracked, overflow == 0 ? 0 : OverflowMaxTimestamp);
    }

    /// <summary>True when a read up to <paramref name="upTo"/> would change the count.</summary>
    public bool HasUnreadAtOrBefore(long upTo) =>
        (Tracked.Count > 0 && Tracked[0] <= upTo) || (Overflow > 0 && upTo >= OverflowMaxTimestamp);

    private static int UpperBound(ImmutableList<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Count;
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
