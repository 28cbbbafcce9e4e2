using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// What every entity does when the store fails (issue #19), in one place: the caller of a write that failed is
/// answered STORE_UNAVAILABLE; the failure and the recovery are reported to <see cref="StoreHealth"/>, which logs once
/// per outage (the per-entity logs are debug); the entity stops (Akka stops it after a failed write or recovery), and
/// requests still queued for it are answered by <see cref="StoppedEntityAnswers"/>.
/// </summary>
public abstract class DurableEntity : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly StoreHealth _store = StoreHealth.Get(Context.System);
    private IActorRef? _awaitingPersist;

    /// <summary>What a failed write could not persist, for the refusal's desc ("the event", "the profile").</summary>
    protected abstract string Persisted { get; }

    /// <summary>Marks <paramref name="sender"/> as the caller of the write now in flight.</summary>
    protected void AwaitPersist(IActorRef sender) => _awaitingPersist = sender;

    /// <summary>The write in flight is durable.</summary>
    protected void PersistSucceeded()
    {
        _awaitingPersist = null;
        _store.Succeeded();
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _store.Succeeded();
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Akka stops the entity after this; queued requests are answered by StoppedEntityAnswers.
        _store.Failed("recovery", reason);
        _log.Debug("Recovery of {0} failed: {1}", PersistenceId, reason.Message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The event may or may not be in the store: never acknowledged. Akka stops the entity after this and the next
        // message recovers the truth from the journal.
        _awaitingPersist?.Tell(new CommandRefused(ErrorCode.StoreUnavailable, $"{Persisted} could not be persisted; nothing was acknowledged, retry"));
        _awaitingPersist = null;
        _store.Failed("write", cause);
        _log.Debug("Write {0} of {1} failed: {2}", sequenceNr, PersistenceId, cause.Message);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // Rejected before the write (e.g. serialization): the state is unchanged and the entity goes on.
        _awaitingPersist?.Tell(new CommandRefused(ErrorCode.StoreUnavailable, $"{Persisted} was rejected by the store; nothing changed"));
        _awaitingPersist = null;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
