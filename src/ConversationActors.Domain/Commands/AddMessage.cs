using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Commands;

/// <summary>
/// A message sent or received in a conversation. <paramref name="ProfileGroupType"/> is the group
/// profile's type, looked up by the caller, used only when neither the message nor the stored
/// conversation has one (SPEC 3.4, sticky groupType).
/// </summary>
public sealed record AddMessage(
    ConversationId ConversationID,
    string MsgID,
    string SenderID,
    long Timestamp,
    ElemType ElemType,
    string Summary,
    IReadOnlyList<string> AtUserIDs,
    bool AtAll,
    GroupType? GroupType,
    bool CountsUnread,
    GroupType? ProfileGroupType = null) : IConversationCommand;
