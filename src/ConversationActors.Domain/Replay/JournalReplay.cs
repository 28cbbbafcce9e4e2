using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Replay;

/// <summary>A journal entry as the audit tools see it: its sequence number and the event.</summary>
public sealed record JournalEvent(long Seq, IConversationEvent Event);

/// <summary>
/// Time travel (SPEC 4.3): a user's set as it was after event N or at a moment, folded from the
/// journal with exactly the fold the entity uses — never from the live actor or a later snapshot.
/// </summary>
public static class JournalReplay
{
    /// <summary>The state after every event of <paramref name="events"/>.</summary>
    public static ConversationSet Fold(string ownerID, IEnumerable<IConversationEvent> events, int dedupeWindow) =>
        events.Aggregate(ConversationSet.Empty(ownerID, dedupeWindow), (state, e) => state.Apply(e));

    /// <summary>
    /// The state after event <paramref name="seq"/>, given the journal's events up to it, and the
    /// moment retention is judged at: that event's server time (0 before the first event).
    /// </summary>
    public static (ConversationSet State, long Moment) AsOfSeq(string ownerID, IReadOnlyList<JournalEvent> journal, long seq, int dedupeWindow)
    {
        var upTo = journal.TakeWhile(e => e.Seq <= seq).ToArray();
        return (Fold(ownerID, upTo.Select(e => e.Event), dedupeWindow), upTo.Length == 0 ? 0 : upTo[^1].Event.At);
    }

    /// <summary>The state at <paramref name="moment"/>: every event recorded at or before it.</summary>
    public static ConversationSet AsOf(string ownerID, IEnumerable<JournalEvent> journal, long moment, int dedupeWindow) =>
        Fold(ownerID, journal.TakeWhile(e => e.Event.At <= moment).Select(e => e.Event), dedupeWindow);
}
