namespace ConversationActors.Domain.Errors;

/// <summary>Why a request was refused: a SPEC error code and words naming the field and the limit.</summary>
public sealed record Refusal(ErrorCode Code, string Desc)
{
    public static Refusal Invalid(string desc) => new(ErrorCode.InvalidParameter, desc);

    public static Refusal NotFound(string conversationID) =>
        new(ErrorCode.ConversationNotFound, $"conversation {conversationID} does not exist");
}
