using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Tests.Support;

/// <summary>Short constructors for commands, with the SPEC's defaults (TEXT, countsUnread = true).</summary>
internal static class Cmd
{
    public static ConversationId Id(string conversationID) => ConversationId.Parse(conversationID);

    public static AddMessage Message(string conversationID, string msgID, string senderID, long timestamp, string summary = "hello") =>
        new(Id(conversationID), msgID, senderID, timestamp, ElemType.Text, summary, [], false, null, true);

    public static SetDraft Draft(string conversationID, string? text) => new(Id(conversationID), text);

    public static SetPinned Pin(string conversationID, bool isPinned = true) => new(Id(conversationID), isPinned);

    public static SetRecvOpt RecvOpt(string conversationID, RecvOpt recvOpt) => new(Id(conversationID), recvOpt);

    public static MarkRead Read(string conversationID, long? upToTimestamp = null) => new(Id(conversationID), upToTimestamp);

    public static ClearHistory ClearHistory(string conversationID) => new(Id(conversationID));

    public static DeleteConversation Delete(string conversationID) => new(Id(conversationID));

    public static RevokeMessage Revoke(string conversationID, string msgID) => new(Id(conversationID), msgID);

    public static SetFriendRemark Remark(string peerID, string? remark) => new(peerID, remark);

    public static ConversationId[] Ids(params string[] conversationIDs) => conversationIDs.Select(Id).ToArray();

    public static MarkConversations Mark(ulong markType, bool enable, params string[] conversationIDs) => new(Ids(conversationIDs), markType, enable);

    public static SetConversationCustomData CustomData(string? data, params string[] conversationIDs) => new(Ids(conversationIDs), data);

    public static DeleteConversations DeleteMany(bool clearHistory, params string[] conversationIDs) => new(Ids(conversationIDs), clearHistory);

    public static CreateConversationGroup CreateGroup(string name, params string[] conversationIDs) => new(name, Ids(conversationIDs));

    public static AddConversationsToGroup AddToGroup(string name, params string[] conversationIDs) => new(name, Ids(conversationIDs));

    public static DeleteConversationsFromGroup RemoveFromGroup(string name, params string[] conversationIDs) => new(name, Ids(conversationIDs));
}
