using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Ids;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>Body of <c>POST …/conversations/batch</c>.</summary>
public sealed record BatchRequest(IReadOnlyList<ConversationId> ConversationIDList) : IRequestBody<BatchRequest>
{
    public static BatchRequest Read(BodyFields body, NodeSettings settings) => new(ConversationIdList.Required(body, settings));
}

/// <summary>Body of <c>PUT …/conversations/marks</c>: one mark (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or 2^32..2^63).</summary>
public sealed record MarkRequest(IReadOnlyList<ConversationId> ConversationIDList, ulong MarkType, bool Enable) : IRequestBody<MarkRequest>
{
    public static MarkRequest Read(BodyFields body, NodeSettings settings) =>
        new(ConversationIdList.Required(body, settings), body.RequiredUInt64("markType"), body.RequiredBool("enable"));
}

/// <summary>Body of <c>PUT …/conversations/customData</c>: at most 256 bytes; empty or null clears it.</summary>
public sealed record CustomDataRequest(IReadOnlyList<ConversationId> ConversationIDList, string? CustomData) : IRequestBody<CustomDataRequest>
{
    public static CustomDataRequest Read(BodyFields body, NodeSettings settings)
    {
        var ids = ConversationIdList.Required(body, settings);
        return body.Has("customData")
            ? new(ids, body.OptionalString("customData"))
            : throw RequestRefusedException.Invalid("customData is required (a string of at most 256 bytes; empty or null clears it)");
    }
}

/// <summary>Body of <c>POST …/conversations/delete</c>; clearHistory (default false) clears each first.</summary>
public sealed record DeleteManyRequest(IReadOnlyList<ConversationId> ConversationIDList, bool ClearHistory = false) : IRequestBody<DeleteManyRequest>
{
    public static DeleteManyRequest Read(BodyFields body, NodeSettings settings) =>
        new(ConversationIdList.Required(body, settings), body.OptionalBool("clearHistory") ?? false);
}

/// <summary>
/// Body of <c>POST …/conversations/read</c>: a conversation ID, or the scope <c>"c2c"</c>, <c>"group"</c> or
/// <c>""</c> (everything), optionally up to a message timestamp (ms since the epoch, inclusive).
/// </summary>
public sealed record CleanUnreadRequest(string ConversationID, long? UpToTimestamp = null) : IRequestBody<CleanUnreadRequest>
{
    public static CleanUnreadRequest Read(BodyFields body, NodeSettings settings) =>
        body.Has("conversationID")
            ? new(body.OptionalString("conversationID") ?? string.Empty, body.OptionalInt64("upToTimestamp"))
            : throw RequestRefusedException.Invalid("conversationID is required: a conversation ID, \"c2c\", \"group\" or \"\" (everything)");
}

/// <summary>Body of <c>POST …/conversationGroups</c>: a name of 1-32 bytes and its first conversations.</summary>
public sealed record CreateGroupRequest(string GroupName, IReadOnlyList<ConversationId> ConversationIDList) : IRequestBody<CreateGroupRequest>
{
    public static CreateGroupRequest Read(BodyFields body, NodeSettings settings)
    {
        var name = body.RequiredString("groupName");
        return new(name, ConversationIdList.Required(body, settings));
    }
}

/// <summary>Body of <c>PUT …/conversationGroups/{groupName}</c>.</summary>
public sealed record RenameGroupRequest(string NewName) : IRequestBody<RenameGroupRequest>
{
    public static RenameGroupRequest Read(BodyFields body, NodeSettings settings) => new(body.RequiredString("newName"));
}

/// <summary>Body of <c>POST …/conversationGroups/{groupName}/conversations</c> and <c>…/conversations/delete</c>.</summary>
public sealed record GroupConversationsRequest(IReadOnlyList<ConversationId> ConversationIDList) : IRequestBody<GroupConversationsRequest>
{
    public static GroupConversationsRequest Read(BodyFields body, NodeSettings settings) => new(ConversationIdList.Required(body, settings));
}
