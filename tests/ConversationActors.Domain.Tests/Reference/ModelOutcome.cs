using ConversationActors.Domain.Errors;

namespace ConversationActors.Domain.Tests.Reference;

/// <summary>
/// What a command came to in the model, in terms a client can observe: refused with a code, recorded
/// (an event in the journal, <c>applied: true</c>) or not, and for multi-conversation writes the per-ID results.
/// </summary>
internal sealed record ModelOutcome(ErrorCode? Refused, bool Recorded, IReadOnlyList<(string ConversationID, ErrorCode Code)>? Results)
{
    public static ModelOutcome Refuse(ErrorCode code) => new(code, false, null);

    public static ModelOutcome Unchanged { get; } = new(null, false, null);

    public static ModelOutcome Changed { get; } = new(null, true, null);

    public override string ToString() =>
        Refused is { } code ? $"refused {code}"
        : (Recorded ? "recorded" : "no change") + (Results is null ? "" : " [" + string.Join(", ", Results.Select(r => $"{r.ConversationID}:{(int)r.Code}")) + "]");
}
