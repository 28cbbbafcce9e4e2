using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>
/// Body of <c>POST /v1/users/{userID}/conversations/{conversationID}/messages</c>: the message fields of SPEC 4.2,
/// written once here (the fan-out body extends it). <c>timestamp</c> is the message's own time in ms since the epoch;
/// defaults: elemType TEXT, atAll false, countsUnread true; at most <c>at-user-ids-max</c> atUserIDs.
/// </summary>
public record MessageRequest(
    string MsgID,
    string SenderID,
    long Timestamp,
    string Summary,
    ElemType ElemType = ElemType.Text,
    IReadOnlyList<string>? AtUserIDs = null,
    bool AtAll = false,
    GroupType? GroupType = null,
    bool CountsUnread = true) : IRequestBody<MessageRequest>
{
    public static MessageRequest Read(BodyFields body, NodeSettings settings) => new(
        body.RequiredId("msgID"),
        body.RequiredId("senderID"),
        body.RequiredInt64("timestamp"),
        body.RequiredString("summary"),
        body.OptionalEnum<ElemType>("elemType") ?? ElemType.Text,
        body.OptionalIdArray("atUserIDs", Domain.ConversationSettings.AtUserIDsMax),
        body.OptionalBool("atAll") ?? false,
        body.OptionalEnum<GroupType>("groupType"),
        body.OptionalBool("countsUnread") ?? true);

    /// <summary>The command for one target conversation; <paramref name="profileGroupType"/> per SPEC 3.4's fallback.</summary>
    public AddMessage For(ConversationId conversation, GroupType? profileGroupType) =>
        new(conversation, MsgID, SenderID, Timestamp, ElemType, Summary, AtUserIDs ?? [], AtAll, GroupType, CountsUnread, profileGroupType);
}

/// <summary>
/// Body of <c>POST /v1/messages</c>: the message fields plus exactly one target — <c>receiverID</c> (C2C: the sender's
/// and the receiver's sets) or <c>groupID</c> with 1 to <c>fanout-members-max</c> <c>memberIDs</c>.
/// </summary>
public sealed record FanOutRequest : MessageRequest, IRequestBody<FanOutRequest>
{
    public FanOutRequest(MessageRequest message, string? receiverID = null, string? groupID = null, IReadOnlyList<string>? memberIDs = null)
        : base(message)
    {
        ReceiverID = receiverID;
        GroupID = groupID;
        MemberIDs = memberIDs;
    }

    public string? ReceiverID { get; init; }

    public string? GroupID { get; init; }

    public IReadOnlyList<string>? MemberIDs { get; init; }

    public static new FanOutRequest Read(BodyFields body, NodeSettings settings)
    {
        var message = MessageRequest.Read(body, settings);
        var receiverID = body.OptionalId("receiverID");
        var groupID = body.OptionalId("groupID");
        if ((receiverID is null) == (groupID is null))
        {
            throw RequestRefusedException.Invalid("give exactly one target: receiverID (C2C) or groupID with memberIDs (group)");
        }

        var max = settings.FanoutMembersMax;
        var memberIDs = body.OptionalIdArray("memberIDs", max);
        if (receiverID is not null && memberIDs is not null)
        {
            throw RequestRefusedException.Invalid("memberIDs goes with groupID, not with receiverID");
        }

        if (groupID is not null && memberIDs is not { Count: > 0 })
        {
            throw RequestRefusedException.Invalid($"memberIDs is required with groupID: an array of 1 to {max} userIDs");
        }

        return new FanOutRequest(message, receiverID, groupID, memberIDs);
    }

    /// <summary>The (userID, conversation) pairs to write: C2C both sides (once when sending to oneself), or each distinct member.</summary>
    public IReadOnlyList<(string UserID, ConversationId Conversation)> Targets()
    {
        if (ReceiverID is { } receiver)
        {
            List<(string, ConversationId)> pair = [(SenderID, ConversationId.C2C(receiver))];
            if (receiver != SenderID)
            {
                pair.Add((receiver, ConversationId.C2C(SenderID)));
            }

            return pair;
        }

        var group = ConversationId.Group(GroupID!);
        return MemberIDs!.Distinct(StringComparer.Ordinal).Select(member => (member, group)).ToArray();
    }
}
