using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Thrown when a request comes to a refusal the SPEC names (bad route value, body, query; an unknown conversation; a
/// fan-out whose writes partly failed); the envelope middleware turns it into the error answer, with
/// <see cref="AnswerData"/> as its data (a response record, or null).
/// </summary>
public sealed class RequestRefusedException(Refusal refusal, object? data = null) : Exception(refusal.Desc)
{
    public Refusal Refusal { get; } = refusal;

    /// <summary>The refusal's data (SPEC 4.2's <c>{failedUserIDs, delivered, duplicates}</c>), or null.</summary>
    public object? AnswerData { get; } = data;

    public static RequestRefusedException Invalid(string desc) => new(Refusal.Invalid(desc));
}
