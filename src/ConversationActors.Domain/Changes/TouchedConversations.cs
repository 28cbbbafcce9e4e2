using ConversationActors.Domain.Events;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Changes;

/// <summary>
/// The conversations one event may have changed (issue 27: the change feed and the running total look at these, never at
/// the whole set). An event that names its conversation touches that one and those it evicted: found in O(log n) by the
/// callers. An event that may change many (renaming or deleting a conversation group) or one this class does not know
/// falls back to comparing both versions of the index, which skips the chunks they share.
/// </summary>
public static class TouchedConversations
{
    /// <summary>
    /// The IDs of the conversations <paramref name="e"/> may have changed in turning <paramref name="before"/> into
    /// <paramref name="after"/>, each once, in ordinal order (the feed's order within a kind of item).
    /// </summary>
    public static IReadOnlyList<string> Of(ConversationSet before, ConversationSet after, IConversationEvent e)
    {
        if (ReferenceEquals(before, after))
        {
            return [];
        }

        var named = Named(e);
        if (named is null)
        {
            return Compared(before, after);
        }

        if (e is ICreatingEvent { Evicted.Count: > 0 } creating)
        {
            return [.. creating.Evicted.Append(named).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        return [named];
    }

    /// <summary>The one conversation an event names, or null for an event that may change many (or is unknown here).</summary>
    private static string? Named(IConversationEvent e) => e switch
    {
        MessageAdded x => x.ConversationID,
        MessageRevoked x => x.ConversationID,
        ConversationRead x => x.ConversationID,
        DraftSet x => x.ConversationID,
        DraftCleared x => x.ConversationID,
        ConversationPinned x => x.ConversationID,
        ConversationUnpinned x => x.ConversationID,
        RecvOptSet x => x.ConversationID,
        HistoryCleared x => x.ConversationID,
        ConversationDeleted x => x.ConversationID,
        FriendRemarkSet x => ConversationId.C2C(x.PeerID).Value,
        ConversationMarked x => x.ConversationID,
        ConversationCustomDataSet x => x.ConversationID,
        ConversationAddedToGroup x => x.ConversationID,
        ConversationRemovedFromGroup x => x.ConversationID,
        _ => null,
    };

    /// <summary>
    /// Conversations whose entry differs between the versions (entries are immutable and shared, so an untouched one is the
    /// same object), plus C2C conversations whose friend remark changed: right for any event, including ones added later.
    /// </summary>
    private static IReadOnlyList<string> Compared(ConversationSet before, ConversationSet after)
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
                    touched.Add(ConversationId.C2C(peer).Value);
                }
            }
        }

        return [.. touched.Order(StringComparer.Ordinal)];
    }
}
