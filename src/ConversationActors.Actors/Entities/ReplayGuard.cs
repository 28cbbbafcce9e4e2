using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// Keeps an entity's recovery a fold of its journal in sequence order (issue #14, docs/decisions.md "Replay order"):
/// an event replayed again (its sequence number already applied, or inside the snapshot recovery started from) is
/// skipped, and an event older than one already applied that was never applied itself (the journal replayed out of
/// order) fails the recovery rather than let the entity answer from a state its journal does not describe. Gaps are
/// normal (a rejected write uses its numbers; retention deletes a prefix). Lives only while the entity recovers.
/// </summary>
public sealed class ReplayGuard(long snapshotSequenceNr)
{
    /// <summary>How far back an already-applied number is remembered: duplicates further back count as out of order.</summary>
    public const int Window = 64;

    private readonly long _floor = snapshotSequenceNr;
    private long _last = snapshotSequenceNr;

    /// <summary>Bit i set: event <c>_last - i</c> was applied (bit 0 is <c>_last</c> itself, once an event was applied).</summary>
    private ulong _applied;

    /// <summary>The sequence number of the event being replayed now (set before the entity sees the event).</summary>
    public long Replaying { get; set; }

    /// <summary>The edit the entity folds its replayed events under (<c>ConversationSet.Transient</c>); null until the first one.</summary>
    public FoldEdit? Edit { get; private set; }

    /// <summary>
    /// <paramref name="state"/> after replayed event <paramref name="e"/>, folded in place: no one sees the state until
    /// recovery ends (issue #14, <c>ConversationSet.Transient</c>; <see cref="Sealed"/> ends the edit).
    /// </summary>
    public ConversationSet Fold(ConversationSet state, Domain.Events.IConversationEvent e) =>
        (Edit is null ? state.Transient(Edit = new FoldEdit()) : state).Apply(e);

    /// <summary>The state recovery ended with, sealed if events were folded in place.</summary>
    public static ConversationSet Sealed(ReplayGuard? replay, ConversationSet state) =>
        replay?.Edit is { } edit ? state.Sealed(edit) : state;

    /// <summary>True when the event being replayed (<see cref="Replaying"/>) is to be applied; false when it is a replay of one already in the state.</summary>
    /// <exception cref="InvalidOperationException">The event is older than one already applied and was never applied itself.</exception>
    public bool ShouldApply()
    {
        var sequenceNr = Replaying;
        if (sequenceNr > _last)
        {
            var shift = sequenceNr - _last;
            _applied = (shift >= Window ? 0 : _applied << (int)shift) | 1;
            _last = sequenceNr;
            return true;
        }

        var back = _last - sequenceNr;
        if (sequenceNr <= _floor || (back < Window && (_applied & (1UL << (int)back)) != 0))
        {
            return false;
        }

        throw new InvalidOperationException(
            $"event {sequenceNr} was replayed after event {_last}: the journal replayed out of order; recovery stops rather than fold the events in another order");
    }
}
