using ConversationActors.Domain.Errors;

namespace ConversationActors.Domain.Model;

/// <summary>
/// The outcome of a multi-conversation write for one conversation (Tencent's V2TIMConversationOperationResult):
/// <c>resultCode</c> 0 when done (or already so), 6004 when the conversation does not exist.
/// </summary>
public sealed record ConversationOperationResult(string ConversationID, ErrorCode ResultCode, string ResultInfo)
{
    public static ConversationOperationResult Ok(string conversationID) => new(conversationID, ErrorCode.Ok, string.Empty);

    public static ConversationOperationResult NotFound(string conversationID) =>
        new(conversationID, ErrorCode.ConversationNotFound, $"conversation {conversationID} does not exist");
}
