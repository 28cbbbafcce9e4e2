using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;

namespace ConversationActors.Domain.Fold;

/// <summary>
/// What a command comes to: one event to persist, nothing (a duplicate or a no-op PUT: answer
/// success with the current state), or a refusal.
/// </summary>
public sealed record Decision(IConversationEvent? Event, Refusal? Refusal)
{
    public static Decision NoChange { get; } = new(null, null);

    public static Decision Accept(IConversationEvent evt) => new(evt, null);

    public static Decision Refuse(Refusal refusal) => new(null, refusal);

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);

    public bool IsRefused => Refusal is not null;
}
