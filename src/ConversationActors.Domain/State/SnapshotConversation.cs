using System.Collections.Immutable;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.State;

/// <summary>
/// One conversation as a snapshot stores it: the stored contract of <c>ConversationSetSnapshot.v1</c> and <c>.v2</c>, kept apart
/// from the live <see cref="ConversationEntry"/> so that renaming or reshaping the live record never changes stored
/// bytes (docs/events.md). Field names are forever; a new field is optional (older snapshots lack it).
/// Times are ms since the epoch.
/// </summary>
public sealed record SnapshotConversation(
    string Id,
    long OrderKey,
    bool IsPinned,
    GroupType? GroupType,
    SnapshotLastMessage? LastMessage,
    SnapshotUnread Unread,
    IReadOnlyList<SnapshotAtEntry> AtEntries,
    string? DraftText,
    long? DraftTimestamp,
    RecvOpt RecvOpt,
    long ActivityTime,
    long ReadWatermark,
    long ClearWatermark,
    long NewestMessageTimestamp,
    long MessageCount,
    long? FirstMessageTimestamp,
    long CreatedAt,
    ulong Marks = 0,
    string? CustomData = null,
    IReadOnlyList<string>? ConversationGroups = null)
{
    public static SnapshotConversation Of(ConversationEntry e) => new(
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

    /// <summary>The live entry; a lastMessage sender that is <paramref name="ownerID"/> or the peer shares that string.</summary>
    public ConversationEntry ToEntry(string ownerID) => ToEntry(ConversationId.Parse(Id), ownerID);

    private ConversationEntry ToEntry(ConversationId id, string ownerID) => new(
        id,
        OrderKey,
        IsPinned,
        GroupType,
        LastMessage is { } m ? new LastMessage(m.MsgID, ConversationSet.SharedSenderID(m.SenderID, ownerID, id), m.Timestamp, m.ElemType, m.Summary, m.IsSelf, m.IsRevoked) : null,
        Unread is { Count: 0, Tracked.Count: 0, OverflowMaxTimestamp: 0 } ? UnreadLedger.Empty : new UnreadLedger(Unread.Count, [.. Unread.Tracked], Unread.OverflowMaxTimestamp),
        [.. AtEntries.Select(a => new AtEntry(a.MsgID, a.AtType, a.Timestamp))],
        DraftText,
        DraftTimestamp,
        RecvOpt,
        ActivityTime,
        ReadWatermark,
        ClearWatermark,
        NewestMessageTimestamp,
        MessageCount,
        FirstMessageTimestamp,
        CreatedAt,
        Marks,
        CustomData,
        ConversationGroups is null ? null : [.. ConversationGroups]);
}

/// <summary>A stored lastMessage (SPEC 3.2 fields; timestamp in ms since the epoch).</summary>
public sealed record SnapshotLastMessage(string MsgID, string SenderID, long Timestamp, ElemType ElemType, string Summary, bool IsSelf, bool IsRevoked);

/// <summary>A stored unread ledger: the count, the tracked timestamps (ascending) and the largest untracked one.</summary>
public sealed record SnapshotUnread(int Count, IReadOnlyList<long> Tracked, long OverflowMaxTimestamp);

/// <summary>A stored @ entry with the message timestamp partial reads compare against.</summary>
public sealed record SnapshotAtEntry(string MsgID, AtType AtType, long Timestamp);
