using ConversationActors.Domain;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// The message fields of SPEC 4.2 as read from a body, with their defaults (elemType TEXT,
/// countsUnread true); turned into one <see cref="AddMessage"/> per target conversation.
/// </summary>
public sealed record MessageBody(
    string MsgID,
    string SenderID,
    long Timestamp,
    ElemType ElemType,
    string Summary,
    IReadOnlyList<string> AtUserIDs,
    bool AtAll,
    GroupType? GroupType,
    bool CountsUnread)
{
    public static MessageBody Read(BodyFields body, ConversationSettings settings) => new(
        body.RequiredId("msgID"),
        body.RequiredId("senderID"),
        body.RequiredInt64("timestamp"),
        body.OptionalEnum<ElemType>("elemType") ?? ElemType.Text,
        body.RequiredString("summary"),
        body.OptionalIdArray("atUserIDs", settings.AtUserIDsMax) ?? [],
        body.OptionalBool("atAll") ?? false,
        body.OptionalEnum<GroupType>("groupType"),
        body.OptionalBool("countsUnread") ?? true);

    public AddMessage For(ConversationId conversation, GroupType? profileGroupType) =>
        new(conversation, MsgID, SenderID, Timestamp, ElemType, Summary, AtUserIDs, AtAll, GroupType, CountsUnread, profileGroupType);
}
