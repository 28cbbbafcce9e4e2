using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Queries;

/// <summary>
/// A conversation as answered by the entity: the SPEC 3.2 fields the user's set owns. showName and
/// faceUrl come from profiles, which the gateway joins in; <see cref="FriendRemark"/> is the owner's
/// remark for a C2C peer, first in line for showName.
/// </summary>
public sealed record ConversationView(
    string ConversationID,
    ConversationType Type,
    string? UserID,
    string? GroupID,
    GroupType? GroupType,
    LastMessage? LastMessage,
    int UnreadCount,
    string? DraftText,
    long? DraftTimestamp,
    bool IsPinned,
    long OrderKey,
    RecvOpt RecvOpt,
    IReadOnlyList<GroupAtInfo> GroupAtInfoList,
    string? FriendRemark,
    IReadOnlyList<ulong> MarkList,
    string? CustomData,
    IReadOnlyList<string> ConversationGroupList)
{
    public static ConversationView From(ConversationEntry e, ConversationSet set) => new(
        e.ID.Value,
        e.ID.Type,
        e.ID.UserID,
        e.ID.GroupID,
        e.GroupType,
        e.LastMessage,
        e.UnreadCount,
        e.DraftText,
        e.DraftTimestamp,
        e.IsPinned,
        e.OrderKey,
        e.RecvOpt,
        e.AtEntries.IsEmpty ? [] : e.AtEntries.Select(a => new GroupAtInfo(a.MsgID, a.AtType)).ToArray(),
        e.ID.UserID is { } peer ? set.RemarkFor(peer) : null,
        Model.ConversationMarks.List(e.Marks),
        e.CustomData,
        e.GroupList);
}

/// <summary>The per-conversation stats of the profile answer (SPEC 4.1).</summary>
public sealed record ConversationStats(long MessageCount, long? FirstMessageTimestamp, long CreatedAt)
{
    public static ConversationStats From(ConversationEntry e) => new(e.MessageCount, e.FirstMessageTimestamp, e.CreatedAt);
}
