using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>Short constructors for the commands the tests send.</summary>
public static class Commands
{
    /// <summary>Server time now, ms since the epoch; message timestamps are taken relative to it.</summary>
    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static AddMessage Message(
        ConversationId conversation,
        string msgID,
        string senderID,
        long timestamp,
        string summary = "hello",
        IReadOnlyList<string>? atUserIDs = null,
        bool atAll = false,
        GroupType? groupType = null,
        bool countsUnread = true) =>
        new(conversation, msgID, senderID, timestamp, ElemType.Text, summary, atUserIDs ?? [], atAll, groupType, countsUnread);

    public static ConversationId C2C(string peer) => ConversationId.C2C(peer);

    public static ConversationId Group(string groupID) => ConversationId.Group(groupID);
}
