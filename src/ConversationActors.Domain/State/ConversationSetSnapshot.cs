using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.State;

/// <summary>
/// A conversation set as plain data, for snapshots: the stored contract (manifest <c>ConversationSetSnapshot.v1</c>),
/// built only from snapshot records (<see cref="SnapshotConversation"/>), never from live state types. The order index is rebuilt on load; the dedupe
/// keys are kept oldest first so the window evicts in the same order after a restore.
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
    IReadOnlyDictionary<string, long>? DeleteWatermarks = null)
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
        set.Order.Select(slot => SnapshotConversation.Of(set.Conversations[slot.ConversationID])).ToArray(),
        set.Dedupe.Order.ToArray(),
        new SortedDictionary<string, string>(set.Remarks, StringComparer.Ordinal),
        set.ConversationGroups.ToArray(),
        new SortedDictionary<string, long>(set.DeleteWatermarks.ByConversation, StringComparer.Ordinal));

    public ConversationSet Restore(int dedupeWindow)
    {
        var empty = ConversationSet.Empty(OwnerID, dedupeWindow);
        var entries = Conversations.Select(c => c.ToEntry()).ToArray();
        return empty with
        {
            Conversations = empty.Conversations.AddRange(entries.Select(c => KeyValuePair.Create(c.ID.Value, c))),
            Order = empty.Order.Union(entries.Select(c => c.Slot)),
            MaxOrderKey = MaxOrderKey,
            Dedupe = DedupeMemory.From(dedupeWindow, DedupeKeys),
            Remarks = empty.Remarks.AddRange(Remarks),
            ConversationGroups = ConversationGroups is null ? empty.ConversationGroups : [.. ConversationGroups],
            DeleteWatermarks = DeleteWatermarks is null ? empty.DeleteWatermarks : State.DeleteWatermarks.From(DeleteWatermarks),
        };
    }
}
