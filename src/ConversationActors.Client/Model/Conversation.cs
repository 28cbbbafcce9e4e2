namespace ConversationActors.Client.Model;

/// <summary>
/// One conversation as every list, batch, single and change-feed answer renders it (SPEC 3.2), plus the
/// organizing fields (<c>markList</c>, <c>customData</c>, <c>conversationGroupList</c>).
/// </summary>
/// <param name="ConversationID">The canonical ID: <c>C2C{userID}</c>, <c>GROUP{groupID}</c> or <c>@TIM#SYSTEM</c>.</param>
/// <param name="Type">C2C, GROUP or SYSTEM.</param>
/// <param name="UserID">The peer of a C2C conversation, else null.</param>
/// <param name="GroupID">The group of a GROUP conversation, else null.</param>
/// <param name="GroupType">The group's type, or null (C2C, SYSTEM, or not known).</param>
/// <param name="ShowName">C2C: the owner's friend remark, else the peer's nickname, else the peer's userID; GROUP: the group name, else the groupID; SYSTEM: "System".</param>
/// <param name="FaceUrl">The peer's or group's avatar URL, or null.</param>
/// <param name="LastMessage">The newest message, or null (none yet, or history cleared).</param>
/// <param name="UnreadCount">Unread incoming messages (0 for AVChatRoom groups).</param>
/// <param name="DraftText">The draft kept on the server, or null.</param>
/// <param name="DraftTimestamp">When the draft was set, in milliseconds since the Unix epoch (server time), or null.</param>
/// <param name="IsPinned">Pinned conversations come first in every list.</param>
/// <param name="OrderKey">Unique, strictly increasing per user with each activation; lists are ordered by it, descending, after the pinned ones.</param>
/// <param name="RecvOpt">How messages are received.</param>
/// <param name="GroupAtInfoList">Unread @-mentions of the owner or of everyone.</param>
/// <param name="MarkList">The set marks (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or 2^32..2^63), lowest first.</param>
/// <param name="CustomData">The custom data string (at most 256 bytes), or null.</param>
/// <param name="ConversationGroupList">The conversation groups (folders) holding it, in the order it joined them.</param>
public sealed record Conversation(
    string ConversationID,
    ConversationType Type,
    string? UserID,
    string? GroupID,
    GroupType? GroupType,
    string ShowName,
    string? FaceUrl,
    LastMessage? LastMessage,
    int UnreadCount,
    string? DraftText,
    long? DraftTimestamp,
    bool IsPinned,
    long OrderKey,
    RecvOpt RecvOpt,
    IReadOnlyList<GroupAtInfo> GroupAtInfoList,
    IReadOnlyList<ulong>? MarkList,
    string? CustomData,
    IReadOnlyList<string>? ConversationGroupList);

/// <summary>The newest message of a conversation (SPEC 3.2 <c>lastMessage</c>).</summary>
/// <param name="MsgID">The message's ID (unique within the conversation).</param>
/// <param name="SenderID">Who sent it.</param>
/// <param name="Timestamp">When it was sent, in milliseconds since the Unix epoch.</param>
/// <param name="ElemType">Its element type.</param>
/// <param name="Summary">Its summary text (at most 512 characters); <c>[message revoked]</c> once revoked.</param>
/// <param name="IsSelf">True when the owner sent it.</param>
/// <param name="IsRevoked">True once revoked.</param>
public sealed record LastMessage(string MsgID, string SenderID, long Timestamp, ElemType ElemType, string Summary, bool IsSelf, bool IsRevoked);

/// <summary>An unread @-mention (SPEC 3.2 <c>groupAtInfoList</c> entry).</summary>
/// <param name="MsgID">The message that mentions.</param>
/// <param name="AtType">Whom it mentions.</param>
public sealed record GroupAtInfo(string MsgID, AtType AtType);
