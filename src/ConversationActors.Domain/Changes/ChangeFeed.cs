using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Changes;

/// <summary>
/// The change feed of one user as a pure fold (SPEC 4.3 <c>/changes</c>): it holds the set as it was
/// after event <see cref="Seq"/> and, for each following event, applies it with the entity's own fold
/// and diffs the conversations the event touched. Liveness (retention) is judged at the event's server
/// time on both sides, so an expired conversation that a message brings back is new, an evicted live one
/// is deleted, and an expiry that no event records produces no item.
/// </summary>
public sealed record ChangeFeed(ConversationSet State, long Seq, long TotalUnread, long RetentionMs)
{
    /// <summary>A feed positioned after event <paramref name="seq"/>, its total judged at <paramref name="moment"/>.</summary>
    public static ChangeFeed Start(ConversationSet state, long seq, long moment, long retentionMs) =>
        new(state, seq, ListQueries.TotalUnread(state, moment, retentionMs), retentionMs);

    /// <summary>
    /// The feed after <paramref name="e"/> and the items it causes, in this order: conversations that
    /// disappeared, new ones, changed ones (each group by conversationID), then the new total if it moved.
    /// </summary>
    public (ChangeFeed Next, IReadOnlyList<ChangeItem> Items) Step(JournalEvent e)
    {
        if (e.Seq <= Seq)
        {
            throw new ArgumentException($"event {e.Seq} is not after the feed's position {Seq}", nameof(e));
        }

        var before = State;
        var after = before.Apply(e.Event);
        var at = e.Event.At;
        var total = ListQueries.TotalUnread(after, at, RetentionMs);
        var conversations = Diff(before, after, e.Seq, at, RetentionMs);
        var items = new List<ChangeItem>(conversations.Count + 1);
        items.AddRange(conversations);
        if (total != TotalUnread)
        {
            items.Add(ChangeItem.Total(e.Seq, total));
        }

        return (this with { State = after, Seq = e.Seq, TotalUnread = total }, items);
    }

    /// <summary>
    /// The conversation items of event <paramref name="seq"/> (recorded at <paramref name="at"/>, ms since epoch), which
    /// turned <paramref name="before"/> into <paramref name="after"/>: conversations that disappeared, new ones, changed
    /// ones (each group by conversationID). The total is not among them: whether it moved depends on what the reader
    /// last saw (SPEC 4.3; issue 15: the entity computes these once, each stream adds its own total item).
    /// </summary>
    public static IReadOnlyList<ChangeItem> Diff(ConversationSet before, ConversationSet after, long seq, long at, long retentionMs)
    {
        var deleted = new List<ChangeItem>();
        var created = new List<ChangeItem>();
        var changed = new List<ChangeItem>();
        foreach (var id in Touched(before, after).Order(StringComparer.Ordinal))
        {
            var was = before.FindLive(id, at, retentionMs);
            var now = after.FindLive(id, at, retentionMs);
            if (was is null && now is null)
            {
                continue;
            }

            if (now is null)
            {
                deleted.Add(ChangeItem.Deleted(seq, id));
            }
            else if (was is null)
            {
                created.Add(ChangeItem.New(seq, ConversationView.From(now, after)));
            }
            else
            {
                var view = ConversationView.From(now, after);
                if (!SameView(ConversationView.From(was, before), view))
                {
                    changed.Add(ChangeItem.Changed(seq, view));
                }
            }
        }

        return [.. deleted, .. created, .. changed];
    }

    /// <summary>
    /// Conversations whose entry the event replaced, added or removed (entries are immutable and shared,
    /// so an untouched one is the same object), plus C2C conversations whose friend remark changed.
    /// Works for any event the fold knows, including ones added later.
    /// </summary>
    private static IEnumerable<string> Touched(ConversationSet before, ConversationSet after)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        if (!ReferenceEquals(before.Conversations, after.Conversations))
        {
            // Both indexes are in conversationID order: one merge walk that skips the chunks both versions share.
            touched.UnionWith(ConversationIndex.Changed(before.Conversations, after.Conversations));
        }

        if (!ReferenceEquals(before.Remarks, after.Remarks))
        {
            foreach (var peer in before.Remarks.Keys.Union(after.Remarks.Keys))
            {
                if (before.RemarkFor(peer) != after.RemarkFor(peer))
                {
                    touched.Add(Ids.ConversationId.C2C(peer).Value);
                }
            }
        }

        return touched;
    }

    /// <summary>Field-by-field equality (the record's own compares the @ list by reference).</summary>
    public static bool SameView(ConversationView a, ConversationView b) =>
        a with { GroupAtInfoList = NoAtInfo } == b with { GroupAtInfoList = NoAtInfo } && a.GroupAtInfoList.SequenceEqual(b.GroupAtInfoList);

    private static readonly Model.GroupAtInfo[] NoAtInfo = [];
}
