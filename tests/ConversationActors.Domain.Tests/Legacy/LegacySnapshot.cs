using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// The old fold's state to and from snapshot records (the v1 mapping of that time): to compare whole states field by
/// field, and to restore stored snapshots the old way.
/// </summary>
internal static class LegacySnapshot
{
    public static IReadOnlyList<SnapshotConversation> Conversations(ConversationSet set) =>
        set.Order.Select(slot => Of(set.Conversations[slot.ConversationID])).ToArray();

    /// <summary>The old <c>ConversationSetSnapshot.Restore</c>, for stored v1 snapshots.</summary>
    public static ConversationSet Restore(ConversationSetSnapshot s, int dedupeWindow)
    {
        var empty = ConversationSet.Empty(s.OwnerID, dedupeWindow);
        var entries = s.Conversations.Select(ToEntry).ToArray();
        return empty with
        {
            Conversations = empty.Conversations.AddRange(entries.Select(c => KeyValuePair.Create(c.ID.Value, c))),
            Order = empty.Order.Union(entries.Select(c => c.Slot)),
            MaxOrderKey = s.MaxOrderKey,
            Dedupe = DedupeMemory.From(dedupeWindow, s.DedupeKeys),
            Remarks = empty.Remarks.AddRange(s.Remarks),
            ConversationGroups = s.ConversationGroups is null ? empty.ConversationGroups : [.. s.ConversationGroups],
            DeleteWatermarks = s.DeleteWatermarks is null ? empty.DeleteWatermarks : DeleteWatermarks.From(s.DeleteWatermarks),
        };
    }

    private static ConversationEntry ToEntry(SnapshotConversation s) => new(
        ConversationId.Parse(s.Id),
        s.OrderKey,
        s.IsPinned,
        s.GroupType,
        s.LastMessage is { } m ? new LastMessage(m.MsgID, m.SenderID, m.Timestamp, m.ElemType, m.Summary, m.IsSelf, m.IsRevoked) : null,
        new UnreadLedger(s.Unread.Count, [.. s.Unread.Tracked], s.Unread.OverflowMaxTimestamp),
        [.. s.AtEntries.Select(a => new AtEntry(a.MsgID, a.AtType, a.Timestamp))],
        s.DraftText,
        s.DraftTimestamp,
        s.RecvOpt,
        s.ActivityTime,
        s.ReadWatermark,
        s.ClearWatermark,
        s.NewestMessageTimestamp,
        s.MessageCount,
        s.FirstMessageTimestamp,
        s.CreatedAt,
        s.Marks,
        s.CustomData,
        s.ConversationGroups is null ? null : [.. s.ConversationGroups]);

    private static SnapshotConversation Of(ConversationEntry e) => new(
        e.ID.Value,
        e.OrderKey,
        e.IsPinned,
        e.GroupType,
        e.LastMessage is { } m ? new SnapshotLastMessage(m.MsgID, m.SenderID, m.Timestamp, m.ElemType, m.Summary, m.IsSelf, m.IsRevoked) : null,
        new SnapshotUnread(e.Unread.Count, e.Unread.Tracked, e.Unread.OverflowMaxTimestamp),
        e.AtEntries.Select(a => new SnapshotAtEntry(a.MsgID, a.AtType, a.Timestamp)).ToArray(),
        e.DraftText,
        e.DraftTimestamp,
        e.RecvOpt,
        e.ActivityTime,
        e.ReadWatermark,
        e.ClearWatermark,
        e.NewestMessageTimestamp,
        e.MessageCount,
        e.FirstMessageTimestamp,
        e.CreatedAt,
        e.Marks,
        e.CustomData,
        e.ConversationGroups);
}
