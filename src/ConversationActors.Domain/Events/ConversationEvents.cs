using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Events;

public sealed record MessageAdded(
    string ConversationID,
    string MsgID,
    string SenderID,
    long Timestamp,
    ElemType ElemType,
    string Summary,
    IReadOnlyList<string> AtUserIDs,
    bool AtAll,
    GroupType? GroupType,
    GroupType? ProfileGroupType,
    bool CountsUnread,
    long At,
    bool Recreate,
    IReadOnlyList<string> Evicted) : ICreatingEvent;

/// <summary>Schema v2 added <paramref name="RevokerID"/> (who revoked; null in v1 events).</summary>
public sealed record MessageRevoked(string ConversationID, string MsgID, long At, string? RevokerID = null) : IConversationEvent;

/// <summary><paramref name="UpToTimestamp"/> is the effective watermark; <paramref name="Full"/> clears everything.</summary>
public sealed record ConversationRead(string ConversationID, long UpToTimestamp, bool Full, long At) : IConversationEvent;

public sealed record DraftSet(string ConversationID, string DraftText, long At, bool Recreate, IReadOnlyList<string> Evicted)
    : ICreatingEvent;

public sealed record DraftCleared(string ConversationID, long At) : IConversationEvent;

public sealed record ConversationPinned(string ConversationID, long At, bool Recreate, IReadOnlyList<string> Evicted)
    : ICreatingEvent;

public sealed record ConversationUnpinned(string ConversationID, long At) : IConversationEvent;

public sealed record RecvOptSet(string ConversationID, RecvOpt RecvOpt, long At) : IConversationEvent;

public sealed record HistoryCleared(string ConversationID, long At) : IConversationEvent;

public sealed record ConversationDeleted(string ConversationID, long At) : IConversationEvent;

public sealed record FriendRemarkSet(string PeerID, string? Remark, long At) : IConversationEvent;
