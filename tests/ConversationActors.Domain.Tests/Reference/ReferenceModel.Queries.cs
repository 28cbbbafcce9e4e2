using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>The SPEC 4.1 queries of the reference model: filter the live conversations, sort, slice. Nothing incremental.</summary>
internal sealed partial class ReferenceModel
{
    /// <summary>SPEC 3.3 order: pinned first, then orderKey descending.</summary>
    private static IEnumerable<ModelConversation> InListOrder(IEnumerable<ModelConversation> conversations) =>
        conversations.OrderByDescending(c => c.IsPinned).ThenByDescending(c => c.OrderKey).ToList();

    /// <summary>SPEC 3.4: an expired conversation is absent from every answer.</summary>
    private List<ModelConversation> Live(long now) => _conversations.Where(c => IsLive(c, now)).ToList();

    /// <summary>decisions (filters): every given field narrows; absent fields do not. Hidden ones still count unread.</summary>
    private static bool Matches(ModelConversation c, ConversationFilter f) =>
        (f.Type is null || c.ID.Type == f.Type)
        && (f.MarkType is null || c.Marks.Contains(f.MarkType.Value))
        && (f.ConversationGroup is null || c.Groups.Contains(f.ConversationGroup))
        && (f.HasUnread is null || (c.UnreadCount > 0) == f.HasUnread)
        && (f.HasAt is null || (c.AtInfo.Count > 0) == f.HasAt);

    /// <summary>decisions (HIDE): lists leave hidden conversations out unless the filter asks for the HIDE mark.</summary>
    private static bool Listed(ModelConversation c, ConversationFilter f) =>
        (!c.IsHidden || f.MarkType == ConversationMarks.Hide) && Matches(c, f);

    public ConversationView View(ModelConversation c) => new(
        c.ID.Value,
        c.ID.Type,
        c.ID.UserID,
        c.ID.GroupID,
        c.GroupType,
        c.LastMessage,
        c.UnreadCount,
        c.DraftText,
        c.DraftTimestamp,
        c.IsPinned,
        c.OrderKey,
        c.RecvOpt,
        c.AtInfo.Select(a => new GroupAtInfo(a.MsgID, a.AtType)).ToArray(),
        RemarkFor(c.ID.UserID),
        c.Marks.Order().ToArray(),
        c.CustomData,
        c.Groups.ToArray());

    /// <summary>SPEC 4.1 the whole list.</summary>
    public IReadOnlyList<ConversationView> All(long now, ConversationFilter? filter = null) =>
        InListOrder(Live(now)).Where(c => Listed(c, filter ?? ConversationFilter.None)).Select(View).ToArray();

    /// <summary>
    /// SPEC 4.1 a page: up to <paramref name="count"/> listed conversations strictly after the cursor's position
    /// (pinned flag, orderKey) in list order; finished when nothing listed follows; the next cursor points after the
    /// last item returned, or is the end cursor when finished.
    /// </summary>
    public (IReadOnlyList<ConversationView> Items, bool IsFinished, PagePosition Next) Page(
        PagePosition from, int count, long now, ConversationFilter? filter = null)
    {
        var listed = InListOrder(Live(now)).Where(c => Listed(c, filter ?? ConversationFilter.None)).ToList();
        var after = from.At switch
        {
            PagePosition.Kind.Start => listed,
            PagePosition.Kind.End => [],
            _ => listed.Where(c => (from.IsPinned && !c.IsPinned) || (from.IsPinned == c.IsPinned && c.OrderKey < from.OrderKey)).ToList(),
        };
        var items = after.Take(count).ToList();
        return after.Count <= count
            ? (items.Select(View).ToArray(), true, PagePosition.End)
            : (items.Select(View).ToArray(), false, PagePosition.After(items[^1].IsPinned, items[^1].OrderKey));
    }

    /// <summary>SPEC 4.1 batch: those that exist (hidden too: the client named them), in the order asked, each once.</summary>
    public IReadOnlyList<ConversationView> Batch(IEnumerable<string> conversationIDs, long now)
    {
        var answered = new List<ModelConversation>();
        foreach (var id in conversationIDs)
        {
            if (Live(now).FirstOrDefault(c => c.ID.Value == id) is { } c && !answered.Contains(c))
            {
                answered.Add(c);
            }
        }

        return answered.Select(View).ToArray();
    }

    public ConversationView? Get(string conversationID, long now) =>
        Live(now).FirstOrDefault(c => c.ID.Value == conversationID) is { } c ? View(c) : null;

    /// <summary>SPEC 3.4 stats: applied messages, the smallest applied timestamp, the (re)creation time.</summary>
    public ConversationStats? Stats(string conversationID, long now) =>
        Live(now).FirstOrDefault(c => c.ID.Value == conversationID) is { } c
            ? new ConversationStats(c.AppliedTimestamps.Count, c.AppliedTimestamps.Count == 0 ? null : c.AppliedTimestamps.Min(), c.CreatedAt)
            : null;

    /// <summary>SPEC 3.3 total unread: the sum over live conversations whose recvOpt is RECEIVE (filtered: matching ones).</summary>
    public long TotalUnread(long now, ConversationFilter? filter = null) =>
        Live(now).Where(c => c.RecvOpt == RecvOpt.Receive && Matches(c, filter ?? ConversationFilter.None)).Sum(c => (long)c.UnreadCount);
}
