using System.Text.Json;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>The SPEC's JSON shapes, field by field and in order (SPEC 3.2, 4.1).</summary>
public static class Shapes
{
    public static readonly string[] Conversation =
    [
        "conversationID", "type", "userID", "groupID", "groupType", "showName", "faceUrl", "lastMessage",
        "unreadCount", "draftText", "draftTimestamp", "isPinned", "orderKey", "recvOpt", "groupAtInfoList",
        "markList", "customData", "conversationGroupList",
    ];

    public static readonly string[] LastMessage = ["msgID", "senderID", "timestamp", "elemType", "summary", "isSelf", "isRevoked"];

    public static readonly string[] Page = ["conversationList", "isFinished", "nextSeq"];

    public static readonly string[] UserProfile = ["userID", "nickname", "faceUrl", "selfSignature", "remark"];

    public static readonly string[] GroupProfile = ["groupID", "name", "faceUrl", "groupType", "introduction", "notification", "ownerID", "memberCount"];

    public static readonly string[] Stats = ["messageCount", "firstMessageTimestamp", "createdAt"];

    public static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>Asserts the conversation's fields (and those of its lastMessage and @ entries) are exactly the SPEC's.</summary>
    public static JsonElement AssertConversation(JsonElement conversation)
    {
        Assert.Equal(Conversation, Names(conversation));
        if (conversation.GetProperty("lastMessage") is { ValueKind: JsonValueKind.Object } last)
        {
            Assert.Equal(LastMessage, Names(last));
        }

        foreach (var at in conversation.GetProperty("groupAtInfoList").EnumerateArray())
        {
            Assert.Equal(["msgID", "atType"], Names(at));
        }

        return conversation;
    }

    /// <summary>The conversationIDs of a page or list, in order.</summary>
    public static string[] Ids(JsonElement pageOrList)
    {
        var list = pageOrList.ValueKind == JsonValueKind.Array ? pageOrList : pageOrList.GetProperty("conversationList");
        return list.EnumerateArray().Select(c => c.GetProperty("conversationID").GetString()!).ToArray();
    }

    public static string? Str(this JsonElement e, string name) => e.GetProperty(name).GetString();

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    public static bool Bool(this JsonElement e, string name) => e.GetProperty(name).GetBoolean();

    public static bool IsNull(this JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null;
}
