using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Changes;

/// <summary>
/// The change feed of one user as a pure fold (SPEC 4.3 <c>/changes</c>): it holds the set as it was
/// after event <see cref="Seq"/> and, for each following event, applies it with the entity's own fold
/// and diffs the conversations the event touched (<see cref="TouchedConversations"/>). Liveness (retention) is judged at
/// the event's server time on both sides, so an expired conversation that a message brings back is new, an evicted live
/// one is deleted, and an expiry that no event records produces no item.
/// </summary>
/// <param name="TotalUnread">The total the reader last saw: the next item of the total comes when it differs.</param>
public sealed record ChangeFeed(ConversationSet State, long Seq, long TotalUnread, long RetentionMs)
{
    /// <summary>The running total of <see cref="State"/>; null: counted over the set at the next event, once.</summary>
    public UnreadTotal? Unread { get; init; }

    /// <summary>A feed positioned after event <paramref name="seq"/>, its total judged at <paramref name="moment"/>.</summary>
    public static ChangeFeed Start(ConversationSet state, long seq, long moment, long retentionMs)
    {
        var unread = UnreadTotal.Of(state, moment, retentionMs);
        return new(state, seq, unread.Total, retentionMs) { Unread = unread };
    }

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
        var touched = TouchedConversations.Of(before, after, e.Event);
        var unread = (Unread ?? UnreadTotal.Of(before, e.Event.At, RetentionMs)).Step(before, after, touched, e.Event.At, RetentionMs);
        var conversations = Diff(before, after, touched, e.Seq, e.Event.At, RetentionMs);
        var items = new List<ChangeItem>(conversations.Count + 1);
        items.AddRange(conversations);
        if (unread.Total != TotalUnread)
        {
            items.Add(ChangeItem.Total(e.Seq, unread.Total));
        }

        return (this with { State = after, Seq = e.Seq, TotalUnread = unread.Total, Unread = unread }, items);
    }

    /// <summary>
    /// The conversation items of event <paramref name="seq"/> (recorded at <paramref name="at"/>, ms since epoch), which
    /// turned <paramref name="before"/> into <paramref name="after"/> changing at most <paramref name="touched"/>
    /// (<see cref="TouchedConversations.Of"/>, in ordinal order): conversations that disappeared, new ones, changed ones
    /// (each group by conversationID). The total is not among them: whether it moved depends on what the reader last saw
    /// (SPEC 4.3; issue 15: the entity computes these once, each stream adds its own total item).
    /// </summary>
    public static IReadOnlyList<ChangeItem> Diff(ConversationSet before, ConversationSet after, IReadOnlyList<string> touched, long seq, long at, long retentionMs)
    {
        List<ChangeItem>? deleted = null;
        List<ChangeItem>? created = null;
        List<ChangeItem>? changed = null;
        foreach (var id in touched)
        {
            var was = before.FindLive(id, at, retentionMs);
            var now = after.FindLive(id, at, retentionMs);
            if (was is null && now is null)
            {
                continue;
            }

            if (now is null)
            {
                (deleted ??= []).Add(ChangeItem.Deleted(seq, id));
            }
            else if (was is null)
            {
                (created ??= []).Add(ChangeItem.New(seq, ConversationView.From(now, after)));
            }
            else
            {
                var view = ConversationView.From(now, after);
                if (!SameView(ConversationView.From(was, before), view))
                {
                    (changed ??= []).Add(ChangeItem.Changed(seq, view));
                }
            }
        }

        return [.. deleted ?? [], .. created ?? [], .. changed ?? []];
    }

    /// <summary>Field-by-field equality (the record's own compares the @ list, the marks and the groups by reference).</summary>
    public static bool SameView(ConversationView a, ConversationView b) =>
        Bare(a) == Bare(b) && a.GroupAtInfoList.SequenceEqual(b.GroupAtInfoList) && a.MarkList.SequenceEqual(b.MarkList)
        && a.ConversationGroupList.SequenceEqual(b.ConversationGroupList, StringComparer.Ordinal);

    private static ConversationView Bare(ConversationView view) => view with { GroupAtInfoList = NoAtInfo, MarkList = NoMarks, ConversationGroupList = NoGroups };

    private static readonly Model.GroupAtInfo[] NoAtInfo = [];
    private static readonly ulong[] NoMarks = [];
    private static readonly string[] NoGroups = [];
}
