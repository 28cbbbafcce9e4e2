using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Queries;

/// <summary>
/// The SPEC 4.1 queries on one user's set, all judged at <c>now</c> (expired conversations are absent).
/// The order is kept incrementally in <see cref="ConversationSet.Order"/>, so a page costs
/// O(log n + page), never a sort.
/// </summary>
public static class ListQueries
{
    public static ConversationPage All(ConversationSet set, long now, long retentionMs, ConversationFilter? filter = null) =>
        Page(set, PagePosition.Start, int.MaxValue, now, retentionMs, filter);

    /// <summary>
    /// Up to <paramref name="count"/> conversations after <paramref name="from"/> that <paramref name="filter"/> lists
    /// (none: every one but the hidden). After skipping <paramref name="scanBudget"/> conversations that do not match,
    /// it answers what it has, not finished, continuing after the last one looked at; so a page may hold fewer than
    /// <paramref name="count"/> (even none), and isFinished is true only when nothing further matches.
    /// </summary>
    public static ConversationPage Page(
        ConversationSet set, PagePosition from, int count, long now, long retentionMs, ConversationFilter? filter = null, int scanBudget = int.MaxValue)
    {
        filter ??= ConversationFilter.None;
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a page holds at least one conversation");
        }

        var index = StartIndex(set, from);
        var items = new List<ConversationView>(Math.Min(count, 128));
        OrderSlot? last = null;
        for (; index < set.Order.Count; index++)
        {
            var entry = set.Order[index];
            var slot = entry.Slot;
            if (!entry.IsLiveAt(now, retentionMs) || !filter.Lists(entry))
            {
                if (--scanBudget < 0)
                {
                    // Everything up to this slot has been looked at: the next page goes on after it.
                    return new ConversationPage(items, false, PagePosition.After(slot.IsPinned, slot.OrderKey));
                }

                continue;
            }

            if (items.Count == count)
            {
                // A live item follows the page: not finished, continue after the last one returned.
                return new ConversationPage(items, false, PagePosition.After(last!.Value.IsPinned, last.Value.OrderKey));
            }

            items.Add(ConversationView.From(entry, set));
            last = slot;
        }

        return new ConversationPage(items, true, PagePosition.End);
    }

    /// <summary>
    /// The scan budget of a page: filtered pages skip at most <see cref="ConversationSettings.FilterScanMax"/>
    /// non-matching conversations; plain pages and whole lists (count int.MaxValue) are never cut short.
    /// </summary>
    public static int ScanBudget(ConversationFilter? filter, int count) =>
        filter is null || filter.IsEmpty || count == int.MaxValue ? int.MaxValue : ConversationSettings.FilterScanMax;

    /// <summary>The named conversations that exist, in the order asked, each once.</summary>
    public static IReadOnlyList<ConversationView> Batch(ConversationSet set, IEnumerable<string> conversationIDs, long now, long retentionMs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ConversationView>();
        foreach (var id in conversationIDs)
        {
            if (seen.Add(id) && set.FindLive(id, now, retentionMs) is { } entry)
            {
                result.Add(ConversationView.From(entry, set));
            }
        }

        return result;
    }

    public static ConversationView? Get(ConversationSet set, string conversationID, long now, long retentionMs) =>
        set.FindLive(conversationID, now, retentionMs) is { } entry ? ConversationView.From(entry, set) : null;

    public static ConversationStats? Stats(ConversationSet set, string conversationID, long now, long retentionMs) =>
        set.FindLive(conversationID, now, retentionMs) is { } entry ? ConversationStats.From(entry) : null;

    /// <summary>
    /// SPEC 3.3: the sum of unreadCount over live conversations whose recvOpt is RECEIVE (hidden ones too), or
    /// over those of them that match <paramref name="filter"/>.
    /// </summary>
    public static long TotalUnread(ConversationSet set, long now, long retentionMs, ConversationFilter? filter = null)
    {
        filter ??= ConversationFilter.None;
        long total = 0;
        foreach (var entry in set.Conversations.Values)
        {
            if (filter.Counts(entry))
            {
                total += CountedUnread(entry, now, retentionMs);
            }
        }

        return total;
    }

    /// <summary>
    /// What <paramref name="entry"/> adds to the total unread at <paramref name="now"/> (SPEC 3.3): its unreadCount when it
    /// is live and its recvOpt is RECEIVE, else 0. The one statement of the rule: the change feed's running total
    /// (<see cref="Changes.UnreadTotal"/>) counts with it too.
    /// </summary>
    public static long CountedUnread(ConversationEntry entry, long now, long retentionMs) =>
        entry.RecvOpt == Model.RecvOpt.Receive && entry.IsLiveAt(now, retentionMs) ? entry.UnreadCount : 0;

    private static int StartIndex(ConversationSet set, PagePosition from)
    {
        switch (from.At)
        {
            case PagePosition.Kind.Start:
                return 0;
            case PagePosition.Kind.End:
                return set.Order.Count;
            default:
                var index = set.OrderIndexOf(new OrderSlot(from.IsPinned, from.OrderKey, ""));
                return index >= 0 ? index + 1 : ~index;
        }
    }
}
