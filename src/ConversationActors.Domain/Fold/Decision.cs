using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Fold;

/// <summary>
/// What a command comes to: the events to persist (one for a single-conversation write; one per changed
/// conversation for a multi-conversation write, persisted together), nothing (a duplicate or a no-op PUT:
/// answer success with the current state), or a refusal. Multi-conversation writes also carry
/// <see cref="Results"/>, one per distinct conversation asked, in the order asked.
/// </summary>
public sealed record Decision(IReadOnlyList<IConversationEvent> Events, Refusal? Refusal, IReadOnlyList<ConversationOperationResult>? Results = null)
{
    public static Decision NoChange { get; } = new([], null);

    /// <summary>The first (for most commands the only) event; null when nothing is recorded.</summary>
    public IConversationEvent? Event => Events.Count == 0 ? null : Events[0];

    public static Decision Accept(IConversationEvent evt) => new([evt], null);

    /// <summary>Several events (possibly none) and the per-conversation results of a multi-conversation write.</summary>
    public static Decision AcceptAll(IReadOnlyList<IConversationEvent> events, IReadOnlyList<ConversationOperationResult>? results) =>
        new(events, null, results);

    public static Decision Refuse(Refusal refusal) => new([], refusal);

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);

    public bool IsRefused => Refusal is not null;
}
