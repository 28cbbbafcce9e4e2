using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Gateway.Rendering;

/// <summary>A conversation on the wire: exactly the SPEC 3.2 fields, in camelCase.</summary>
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
    IReadOnlyList<GroupAtInfo> GroupAtInfoList);
