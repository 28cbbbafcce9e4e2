using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.State;

/// <summary>
/// A conversation set as plain data, for snapshots: the stored contract (manifest <c>ConversationSetSnapshot.v2</c>; v1 is
/// still read), built only from snapshot records (<see cref="SnapshotConversation"/>), never from live state types. The
/// order index is rebuilt on load; the dedupe keys are kept oldest first so the window evicts in the same order after a
/// restore. v1 stored them as text (<see cref="DedupeKeys"/>, <c>conversationID + "\n" + msgID</c>); v2 (issue #14) stores
/// their 64-bit <see cref="DedupeKey"/> hashes in <see cref="DedupeHashes"/> and leaves <see cref="DedupeKeys"/> empty.
/// <see cref="ConversationGroups"/> and <see cref="DeleteWatermarks"/> came later: a snapshot without them has none.
/// <see cref="LastEventAt"/> and <see cref="Checkpoints"/> (issue 15, journal life cycle) are written only when
/// <c>journal.retention</c> is on, and left out of the JSON otherwise, so such snapshots are byte-for-byte the v1 ones.
/// </summary>
public sealed record ConversationSetSnapshot(
    string OwnerID,
    long MaxOrderKey,
    IReadOnlyList<SnapshotConversation> Conversations,
    IReadOnlyList<string> DedupeKeys,
    IReadOnlyDictionary<string, string> Remarks,
    IReadOnlyList<string>? ConversationGroups = null,
    IReadOnlyDictionary<string, long>? DeleteWatermarks = null,
    IReadOnlyList<ulong>? DedupeHashes = null)
{
    /// <summary>The server time (ms since epoch) of the snapshot's last event; null in snapshots written without it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastEventAt { get; init; }

    /// <summary>The older snapshots kept beside this one, oldest first (retention on); null: none recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SnapshotCheckpoint>? Checkpoints { get; init; }

    public static ConversationSetSnapshot Of(ConversationSet set) => new(
        set.OwnerID,
        set.MaxOrderKey,
        set.Order.Select(SnapshotConversation.Of).ToArray(),
        [],
        new SortedDictionary<string, string>(set.Remarks, StringComparer.Ordinal),
        set.ConversationGroups.ToArray(),
        new SortedDictionary<string, long>(set.DeleteWatermarks.ByConversation, StringComparer.Ordinal),
        set.Dedupe.OldestFirst.ToArray());

    public ConversationSet Restore(int dedupeWindow)
    {
        var empty = ConversationSet.Empty(OwnerID, dedupeWindow);
        var entries = Conversations.Select(c => c.ToEntry(OwnerID)).ToArray();
        return empty with
        {
            Conversations = ConversationIndex.From(entries),
            Order = InListOrder(entries),
            MaxOrderKey = MaxOrderKey,
            Dedupe = DedupeMemory.From(dedupeWindow, DedupeHashes ?? DedupeKeys.Select(DedupeKey.OfText)),
            Remarks = empty.Remarks.AddRange(Remarks),
            ConversationGroups = ConversationGroups is null ? empty.ConversationGroups : [.. ConversationGroups],
            DeleteWatermarks = DeleteWatermarks is null ? empty.DeleteWatermarks : State.DeleteWatermarks.From(DeleteWatermarks),
        };
    }

    /// <summary>The entries in list order, each slot once (the first entry of a slot wins, as a sorted set's union keeps it).</summary>
    private static ChunkedList<ConversationEntry> InListOrder(IEnumerable<ConversationEntry> entries)
    {
        var ordered = new List<ConversationEntry>();
        foreach (var entry in entries.OrderBy(e => e.Slot, OrderSlot.ListOrder))
        {
            if (ordered.Count == 0 || OrderSlot.ListOrder.Compare(ordered[^1].Slot, entry.Slot) != 0)
            {
                ordered.Add(entry);
            }
        }

        return ChunkedList<ConversationEntry>.From(ordered);
    }
}
