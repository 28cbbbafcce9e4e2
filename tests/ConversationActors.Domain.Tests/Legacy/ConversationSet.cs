using System.Collections.Immutable;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// Tests only: the immutable-collections fold as it was before issue #14 (a frozen copy, the reference the compact
/// state is compared with; see <see cref="Equivalence"/>).
/// </summary>
/// <remarks>
/// One user's conversation set: the whole state of a conversation-set entity. Immutable; it changes
/// only through <see cref="ConversationSet.Apply"/> (see ConversationSet.Apply.cs).
/// Expired conversations may still be held here; every query filters them by <c>now</c>.
/// </remarks>
internal sealed partial record ConversationSet(
    string OwnerID,
    ImmutableDictionary<string, ConversationEntry> Conversations,
    ImmutableSortedSet<OrderSlot> Order,
    long MaxOrderKey,
    DedupeMemory Dedupe,
    ImmutableDictionary<string, string> Remarks,
    ImmutableList<string> ConversationGroups,
    DeleteWatermarks DeleteWatermarks)
{
    public static ConversationSet Empty(string ownerID, int dedupeWindow) => new(
        ownerID,
        ImmutableDictionary.Create<string, ConversationEntry>(StringComparer.Ordinal),
        ImmutableSortedSet.Create(OrderSlot.ListOrder),
        0,
        DedupeMemory.Create(dedupeWindow),
        ImmutableDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableList<string>.Empty,
        DeleteWatermarks.Empty);

    public ConversationEntry? Find(string conversationID) => Conversations.GetValueOrDefault(conversationID);

    /// <summary>The conversation if it exists and has not expired at <paramref name="now"/>.</summary>
    public ConversationEntry? FindLive(string conversationID, long now, long retentionMs) =>
        Find(conversationID) is { } entry && entry.IsLiveAt(now, retentionMs) ? entry : null;

    public string? RemarkFor(string peerID) => Remarks.GetValueOrDefault(peerID);

    /// <summary>True when the owner has a conversation group of that name (names compare ordinally).</summary>
    public bool HasGroup(string groupName) => ConversationGroups.Contains(groupName, StringComparer.Ordinal);
}
