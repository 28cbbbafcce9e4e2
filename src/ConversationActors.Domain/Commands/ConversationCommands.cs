using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Commands;

/// <summary>Revoke a message; only the lastMessage shows it. <paramref name="RevokerID"/> is recorded for audit.</summary>
public sealed record RevokeMessage(ConversationId ConversationID, string MsgID, string? RevokerID = null) : IConversationCommand;

/// <summary>Set the draft; null or empty text clears it (the DELETE endpoint sends null).</summary>
public sealed record SetDraft(ConversationId ConversationID, string? DraftText) : IConversationCommand;

public sealed record SetPinned(ConversationId ConversationID, bool IsPinned) : IConversationCommand;

public sealed record SetRecvOpt(ConversationId ConversationID, RecvOpt RecvOpt) : IConversationCommand;

/// <summary>cleanUnread; without <paramref name="UpToTimestamp"/> everything is read.</summary>
public sealed record MarkRead(ConversationId ConversationID, long? UpToTimestamp) : IConversationCommand;

public sealed record ClearHistory(ConversationId ConversationID) : IConversationCommand;

public sealed record DeleteConversation(ConversationId ConversationID) : IConversationCommand;

/// <summary>The owner's remark for a friend; null or empty removes it.</summary>
public sealed record SetFriendRemark(string PeerID, string? Remark) : IConversationCommand;
