namespace ConversationActors.Domain.Events;

/// <summary>
/// A fact in one user's journal. Events are the audit record: never rename or remove a field;
/// add optional ones only (see docs/events.md).
/// </summary>
public interface IConversationEvent
{
    /// <summary>Server time of the write, ms since the Unix epoch.</summary>
    long At { get; }
}

/// <summary>
/// An event that can create a conversation. Both extra fields are decided once, when the event is
/// recorded, so replay never depends on the retention or capacity settings of the day.
/// </summary>
public interface ICreatingEvent : IConversationEvent
{
    /// <summary>The conversation existed but had expired: start it afresh.</summary>
    bool Recreate { get; }

    /// <summary>Conversations dropped to stay within max-conversations (or already expired).</summary>
    IReadOnlyList<string> Evicted { get; }
}
