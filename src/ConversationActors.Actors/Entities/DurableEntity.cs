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
/// Untyped (<see cref="UntypedPersistentActor"/>, a <c>switch</c> per message) and lean (issue #14): a
/// <c>ReceivePersistentActor</c> holds a handler list per instance (about 1 KB, akka.net #6450); the queue of waiting
/// callers is made when first needed, the logger is <c>Eventsourced</c>'s own (made on first use), the store health is
/// looked up when used.
/// </summary>
public abstract class DurableEntity : UntypedPersistentActor
{
    private Queue<PendingReply>? _pending;

    /// <summary>What a failed write could not persist, for the refusal's desc ("the event", "the profile").</summary>
    protected abstract string Persisted { get; }

    /// <summary>Callers waiting for the store, oldest first.</summary>
    /// <summary>The node's store health (an extension lookup, not a field: one reference less per entity).</summary>
    private static StoreHealth Store => StoreHealth.Get(Context.System);

    protected int PendingReplies => _pending?.Count ?? 0;

    /// <summary>
    /// <paramref name="sender"/> waits for the events numbered <paramref name="firstSeq"/>..<paramref name="lastSeq"/>
    /// (0..0: for events decided before it, a reply deferred until they are durable). Replies go out in this order.
    /// </summary>
    protected void AwaitPersist(IActorRef sender, long firstSeq, long lastSeq) => (_pending ??= new()).Enqueue(new PendingReply(sender, firstSeq, lastSeq));

    /// <summary>The oldest waiting caller's write is durable (or its deferred reply is due): it is answered next.</summary>
    protected void PersistSucceeded()
    {
        _pending?.TryDequeue(out _);
        Store.Succeeded();
    }

    /// <summary>After a rejection answered the only waiting caller: the entity goes on (the subclass drops what it assumed).</summary>
    protected virtual void RejectedAlone()
    {
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        Store.Succeeded();
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Akka stops the entity after this; queued requests are answered by StoppedEntityAnswers.
        Store.Failed("recovery", reason);
        Log.Debug("Recovery of {0} failed: {1}", PersistenceId, reason.Message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The event may or may not be in the store: never acknowledged. Akka stops the entity after this and the next
        // message recovers the truth from the journal.
        AnswerAll(new CommandRefused(ErrorCode.StoreUnavailable, $"{Persisted} could not be persisted; nothing was acknowledged, retry"));
        Store.Failed("write", cause);
        Log.Debug("Write {0} of {1} failed: {2}", sequenceNr, PersistenceId, cause.Message);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // Rejected before the write (e.g. serialization): one call per event of the rejected write; its caller is
        // answered at its last event. Alone, the entity goes on; with later writes decided on top of the rejected
        // events, those decisions are void: their callers are answered STORE_UNAVAILABLE and the entity recovers.
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_pending is null || !_pending.TryPeek(out var head) || sequenceNr < head.FirstSeq || sequenceNr != head.LastSeq)
        {
            return;
        }

        _pending.Dequeue();
        head.Sender.Tell(new CommandRefused(ErrorCode.StoreUnavailable, $"{Persisted} was rejected by the store; nothing changed"));
        if (_pending.Count == 0)
        {
            RejectedAlone();
            return;
        }

        AnswerAll(new CommandRefused(ErrorCode.StoreUnavailable, "a write decided before this one was rejected by the store; nothing was acknowledged, retry"));
        Context.Stop(Self);
    }

    private void AnswerAll(CommandRefused refusal)
    {
        while (_pending is not null && _pending.TryDequeue(out var waiting))
        {
            waiting.Sender.Tell(refusal);
        }
    }

    private sealed record PendingReply(IActorRef Sender, long FirstSeq, long LastSeq);
}
