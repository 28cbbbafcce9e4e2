using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.State;

/// <summary>
/// One conversation as the fold keeps it: the SPEC fields plus the watermarks and stats behind them. Times are ms since
/// the epoch. Issue #14: the fields most conversations never set (@ entries, draft, marks, custom data, groups, the
/// clearHistory watermark) live in one shared-when-absent <see cref="Rare"/> object, so a plain conversation carries one
/// reference for all of them; every property still reads and changes (<c>with</c>) as a plain field does, and a
/// <c>with</c> that sets one of them to the value it already has allocates nothing for it (the fold sets Marks on every
/// message).
/// </summary>
public sealed record ConversationEntry
{
    private Rare? _rare;

    /// <summary>0: none; otherwise the <see cref="Model.GroupType"/> + 1 (one byte beside the other small fields).</summary>
    private byte _groupType;

    /// <summary>0 when no message was applied (message timestamps are positive, SPEC 4.2).</summary>
    private long _firstMessageTimestamp;

    public ConversationEntry(
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
        this.ID = ID;
        this.OrderKey = OrderKey;
        this.IsPinned = IsPinned;
        this.GroupType = GroupType;
        this.LastMessage = LastMessage;
        this.Unread = Unread;
        this.RecvOpt = RecvOpt;
        this.ActivityTime = ActivityTime;
        this.ReadWatermark = ReadWatermark;
        this.NewestMessageTimestamp = NewestMessageTimestamp;
        this.MessageCount = MessageCount;
        this.FirstMessageTimestamp = FirstMessageTimestamp;
        this.CreatedAt = CreatedAt;
        _rare = Rare.Normal(new Rare(AtEntries, DraftText, DraftTimestamp, ClearWatermark, Marks, CustomData, ConversationGroups));
    }

    public ConversationId ID { get; init; }

    public long OrderKey { get; init; }

    public bool IsPinned { get; init; }

    public GroupType? GroupType
    {
        get => _groupType == 0 ? null : (GroupType)(_groupType - 1);
        init => _groupType = value is { } type ? checked((byte)((int)type + 1)) : (byte)0;
    }

    public LastMessage? LastMessage { get; init; }

    public UnreadLedger Unread { get; init; }

    public RecvOpt RecvOpt { get; init; }

    public long ActivityTime { get; init; }

    public long ReadWatermark { get; init; }

    public long NewestMessageTimestamp { get; init; }

    public long MessageCount { get; init; }

    public long? FirstMessageTimestamp
    {
        get => _firstMessageTimestamp == 0 ? null : _firstMessageTimestamp;
        init => _firstMessageTimestamp = value ?? 0;
    }

    public long CreatedAt { get; init; }

    public ImmutableList<AtEntry> AtEntries
    {
        get => (_rare ?? Rare.None).AtEntries;
        init => _rare = ReferenceEquals(value, AtEntries) ? _rare : Rare.Normal((_rare ?? Rare.None) with { AtEntries = value });
    }

    public string? DraftText
    {
        get => _rare?.DraftText;
        init => _rare = value == DraftText ? _rare : Rare.Normal((_rare ?? Rare.None) with { DraftText = value });
    }

    public long? DraftTimestamp
    {
        get => _rare?.DraftTimestamp;
        init => _rare = value == DraftTimestamp ? _rare : Rare.Normal((_rare ?? Rare.None) with { DraftTimestamp = value });
    }

    public long ClearWatermark
    {
        get => _rare?.ClearWatermark ?? 0;
        init => _rare = value == ClearWatermark ? _rare : Rare.Normal((_rare ?? Rare.None) with { ClearWatermark = value });
    }

    public ulong Marks
    {
        get => _rare?.Marks ?? 0;
        init => _rare = value == Marks ? _rare : Rare.Normal((_rare ?? Rare.None) with { Marks = value });
    }

    public string? CustomData
    {
        get => _rare?.CustomData;
        init => _rare = value == CustomData ? _rare : Rare.Normal((_rare ?? Rare.None) with { CustomData = value });
    }

    /// <summary>The groups this conversation is in, in the order it joined them; null: none (absent in old snapshots).</summary>
    public ImmutableList<string>? ConversationGroups
    {
        get => _rare?.ConversationGroups;
        init => _rare = ReferenceEquals(value, ConversationGroups) ? _rare : Rare.Normal((_rare ?? Rare.None) with { ConversationGroups = value });
    }

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

    /// <summary>The fields few conversations set; an entry holds none (null) while all are at their defaults.</summary>
    private sealed record Rare(
        ImmutableList<AtEntry> AtEntries,
        string? DraftText,
        long? DraftTimestamp,
        long ClearWatermark,
        ulong Marks,
        string? CustomData,
        ImmutableList<string>? ConversationGroups)
    {
        public static Rare None { get; } = new(ImmutableList<AtEntry>.Empty, null, null, 0, 0, null, null);

        public static Rare? Normal(Rare rare) =>
            rare.AtEntries.IsEmpty && rare.DraftText is null && rare.DraftTimestamp is null && rare.ClearWatermark == 0
            && rare.Marks == 0 && rare.CustomData is null && rare.ConversationGroups is null
                ? null
                : rare;
    }
}

/// <summary>An @ entry with the timestamp that partial reads compare against.</summary>
public sealed record AtEntry(string MsgID, AtType AtType, long Timestamp);
