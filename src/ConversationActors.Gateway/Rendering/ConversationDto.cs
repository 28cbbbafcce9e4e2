using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// A conversation on the wire: the SPEC 3.2 fields, in camelCase, then issue #10's markList (the set mark
/// values, lowest first), customData and conversationGroupList.
/// </summary>
public sealed record ConversationDto(
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
    IReadOnlyList<ulong> MarkList,
    string? CustomData,
    IReadOnlyList<string> ConversationGroupList);
