using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Thrown while reading a request that the SPEC refuses (bad route value, body, query); the
/// envelope middleware turns it into the error answer before anything is sent to the cluster.
/// </summary>
public sealed class RequestRefusedException(Refusal refusal) : Exception(refusal.Desc)
{
    public Refusal Refusal { get; } = refusal;

    public static RequestRefusedException Invalid(string desc) => new(Refusal.Invalid(desc));
}
