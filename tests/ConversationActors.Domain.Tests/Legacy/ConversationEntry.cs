using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// Tests only: the immutable-collections fold as it was before issue #14 (a frozen copy, the reference the compact
/// state is compared with; see <see cref="Equivalence"/>).
/// </summary>
/// <remarks>
/// One conversation as the fold keeps it: the SPEC fields plus the watermarks and stats behind them.
/// </remarks>
internal sealed record ConversationEntry(
    ConversationId ID,
    long OrderKey,
    bool IsPinned,
    GroupType? GroupType,
    LastMessage? LastMessage,
    UnreadLedger Unread,
    ImmutableList<AtEntry> AtEntries,
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
    ImmutableList<string>? ConversationGroups = null)
{
    /// <summary>The groups this conversation is in, in the order it joined them (absent in old snapshots: none).</summary>
    [JsonIgnore]
    public ImmutableList<string> GroupList => ConversationGroups ?? ImmutableList<string>.Empty;

    [JsonIgnore]
    public bool IsHidden => (Marks & Model.ConversationMarks.Hide) != 0;

    public bool IsInGroup(string groupName) => GroupList.Contains(groupName, StringComparer.Ordinal);

    public static ConversationEntry Create(ConversationId id, long createdAt) => new(
        id, 0, false, null, null, UnreadLedger.Empty, ImmutableList<AtEntry>.Empty, null, null,
        RecvOpt.Receive, 0, 0, 0, 0, 0, null, createdAt);

    [JsonIgnore]
    public OrderSlot Slot => new(IsPinned, OrderKey, ID.Value);

    /// <summary>The unread count every view answers (SPEC 3.2 via <see cref="GroupTypeRules.HasUnreadCount"/>).</summary>
    [JsonIgnore]
    public int UnreadCount => GroupTypeRules.HasUnreadCount(GroupType) ? Unread.Count : 0;

    /// <summary>SPEC 3.3 retention: pinned conversations and a zero retention never expire.</summary>
    public bool IsLiveAt(long now, long retentionMs) =>
        IsPinned || retentionMs <= 0 || now - ActivityTime <= retentionMs;
}

/// <summary>An @ entry with the timestamp that partial reads compare against.</summary>
internal sealed record AtEntry(string MsgID, AtType AtType, long Timestamp);
