using System.Collections.Immutable;

namespace ConversationActors.Domain.State;

/// <summary>
/// One user's conversation set: the whole state of a conversation-set entity. Immutable; it changes
/// only through <see cref="ConversationSet.Apply"/> (see ConversationSet.Apply.cs).
/// Expired conversations may still be held here; every query filters them by <c>now</c>.
/// <see cref="Conversations"/> holds the entries by conversationID, <see cref="Order"/> the same entries in list order
/// (<see cref="OrderSlot.ListOrder"/>), each about 8 bytes a conversation (issue #14).
/// </summary>
public sealed partial record ConversationSet(
    string OwnerID,
    ConversationIndex Conversations,
    ChunkedList<ConversationEntry> Order,
    long MaxOrderKey,
    DedupeMemory Dedupe,
    ImmutableDictionary<string, string> Remarks,
    ImmutableList<string> ConversationGroups,
    DeleteWatermarks DeleteWatermarks)
{
    public static ConversationSet Empty(string ownerID, int dedupeWindow) => new(
        ownerID,
        ConversationIndex.Empty,
        ChunkedList<ConversationEntry>.Empty,
        0,
        DedupeMemory.Create(dedupeWindow),
        NoRemarks,
        ImmutableList<string>.Empty,
        DeleteWatermarks.Empty);

    /// <summary>Shared by every empty set (an idle entity holds no dictionary of its own).</summary>
    private static readonly ImmutableDictionary<string, string> NoRemarks = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    public ConversationEntry? Find(string conversationID) => Conversations.Find(conversationID);

    /// <summary>
    /// A copy of this set for a fold no one watches until it ends (an entity's recovery, issue #14): its
    /// <see cref="Apply"/> answers what this set's would, but writes the conversation index and list order in place
    /// under <paramref name="edit"/> instead of copying a chunk per event. This set never changes. Until
    /// <see cref="Sealed"/>, no one but the fold may hold the sets it makes: they share what the fold goes on changing.
    /// </summary>
    public ConversationSet Transient(FoldEdit edit) =>
        this with { Conversations = Conversations.Transient(edit), Order = Order.Transient(edit) };

    /// <summary>Ends the fold <paramref name="edit"/> began (<see cref="Transient"/>): the immutable set with this set's answers.</summary>
    public ConversationSet Sealed(FoldEdit edit)
    {
        edit.Close();
        return this with { Conversations = Conversations.Sealed(), Order = Order.Sealed() };
    }

    /// <summary>
    /// Where <paramref name="slot"/> is in <see cref="Order"/>: the index of the entry in that slot, or the bitwise
    /// complement of where one would go (slots are unique: orderKeys are, SPEC 3.3).
    /// </summary>
    public int OrderIndexOf(OrderSlot slot) => Order.Search(slot, static (entry, key) => OrderSlot.Compare(entry.Slot, key));

    /// <summary>The conversation if it exists and has not expired at <paramref name="now"/>.</summary>
    public ConversationEntry? FindLive(string conversationID, long now, long retentionMs) =>
        Find(conversationID) is { } entry && entry.IsLiveAt(now, retentionMs) ? entry : null;

    public string? RemarkFor(string peerID) => Remarks.GetValueOrDefault(peerID);

    /// <summary>True when the owner has a conversation group of that name (names compare ordinally).</summary>
    public bool HasGroup(string groupName) => ConversationGroups.Contains(groupName, StringComparer.Ordinal);
}
