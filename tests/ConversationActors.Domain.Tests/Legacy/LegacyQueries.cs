using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// The SPEC 4.1 queries exactly as they ran on the immutable-collections state before issue #14 (a copy of
/// <c>ListQueries</c>, <c>ConversationView.From</c> and <c>ConversationFilter</c> of that time), so the compact state's
/// answers can be compared with the old fold's.
/// </summary>
internal static class LegacyQueries
{
    public static ConversationPage Page(ConversationSet set, PagePosition from, int count, long now, long retentionMs, ConversationFilter? filter = null, int scanBudget = int.MaxValue)
    {
        filter ??= ConversationFilter.None;
        var index = StartIndex(set, from);
        var items = new List<ConversationView>();
        OrderSlot? last = null;
        for (; index < set.Order.Count; index++)
        {
            var slot = set.Order[index];
            var entry = set.Conversations[slot.ConversationID];
            if (!entry.IsLiveAt(now, retentionMs) || !Lists(filter, entry))
            {
                if (--scanBudget < 0)
                {
                    return new ConversationPage(items, false, PagePosition.After(slot.IsPinned, slot.OrderKey));
                }

                continue;
            }

            if (items.Count == count)
            {
                return new ConversationPage(items, false, PagePosition.After(last!.Value.IsPinned, last.Value.OrderKey));
            }

            items.Add(View(entry, set));
            last = slot;
        }

        return new ConversationPage(items, true, PagePosition.End);
    }

    public static IReadOnlyList<ConversationView> Batch(ConversationSet set, IEnumerable<string> conversationIDs, long now, long retentionMs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ConversationView>();
        foreach (var id in conversationIDs)
        {
            if (seen.Add(id) && set.FindLive(id, now, retentionMs) is { } entry)
            {
                result.Add(View(entry, set));
            }
        }

        return result;
    }

    public static ConversationView? Get(ConversationSet set, string conversationID, long now, long retentionMs) =>
        set.FindLive(conversationID, now, retentionMs) is { } entry ? View(entry, set) : null;

    public static ConversationStats? Stats(ConversationSet set, string conversationID, long now, long retentionMs) =>
        set.FindLive(conversationID, now, retentionMs) is { } e ? new ConversationStats(e.MessageCount, e.FirstMessageTimestamp, e.CreatedAt) : null;

    public static long TotalUnread(ConversationSet set, long now, long retentionMs, ConversationFilter? filter = null)
    {
        filter ??= ConversationFilter.None;
        long total = 0;
        foreach (var entry in set.Conversations.Values)
        {
            if (entry.RecvOpt == RecvOpt.Receive && entry.IsLiveAt(now, retentionMs) && Counts(filter, entry))
            {
                total += entry.UnreadCount;
            }
        }

        return total;
    }

    public static ConversationView View(ConversationEntry e, ConversationSet set) => new(
        e.ID.Value,
        e.ID.Type,
        e.ID.UserID,
        e.ID.GroupID,
        e.GroupType,
        e.LastMessage,
        e.UnreadCount,
        e.DraftText,
        e.DraftTimestamp,
        e.IsPinned,
        e.OrderKey,
        e.RecvOpt,
        e.AtEntries.Select(a => new GroupAtInfo(a.MsgID, a.AtType)).ToArray(),
        e.ID.UserID is { } peer ? set.RemarkFor(peer) : null,
        ConversationMarks.List(e.Marks),
        e.CustomData,
        e.GroupList);

    private static bool Lists(ConversationFilter f, ConversationEntry entry) =>
        (!entry.IsHidden || f.MarkType == ConversationMarks.Hide) && Counts(f, entry);

    private static bool Counts(ConversationFilter f, ConversationEntry entry) =>
        (f.Type is not { } type || entry.ID.Type == type)
        && (f.MarkType is not { } mark || (entry.Marks & mark) != 0)
        && (f.ConversationGroup is not { } group || entry.IsInGroup(group))
        && (f.HasUnread is not { } unread || (entry.UnreadCount > 0) == unread)
        && (f.HasAt is not { } at || !entry.AtEntries.IsEmpty == at);

    private static int StartIndex(ConversationSet set, PagePosition from)
    {
        switch (from.At)
        {
            case PagePosition.Kind.Start:
                return 0;
            case PagePosition.Kind.End:
                return set.Order.Count;
            default:
                var index = set.Order.IndexOf(new OrderSlot(from.IsPinned, from.OrderKey, ""));
                return index >= 0 ? index + 1 : ~index;
        }
    }
}
