using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// What every entity does when the store fails (issue #19), in one place: the caller of a write that failed is
/// answered STORE_UNAVAILABLE; the entity stops (Akka stops it after a failed write or recovery), and requests still
/// queued for it are answered by <see cref="StoppedEntityAnswers"/>. Which failure it was decides who hears of it (issue
/// 26, <see cref="FaultClassifier"/>): a failure of the store goes to <see cref="StoreHealth"/>, which logs once per
/// outage (the per-entity logs are debug); a failure of this entity's own data or code goes to
/// <see cref="EntityFaults"/>, which logs it with the persistence ID and backs the entity off: an incarnation started
/// while the backoff lasts never touches the store and answers every request with the fault until it ends.
/// Untyped (<see cref="UntypedPersistentActor"/>, a <c>switch</c> per message) and lean (issue #14): a
/// <c>ReceivePersistentActor</c> holds a handler list per instance (about 1 KB, akka.net #6450); the queue of waiting
/// callers is made when first needed, the logger is <c>Eventsourced</c>'s own (made on first use), the store health is
/// looked up when used. Snapshots and the deletions after them (issue 27: the same for every entity, in the order
/// <see cref="CompactionCalls"/> keeps) are handled here too: an entity saves with <see cref="SaveSnapshotAfter"/> and says
/// what a save releases in <see cref="SnapshotSaved"/>; its own requests reach <see cref="OnRequest"/>.
/// </summary>
public abstract class DurableEntity : UntypedPersistentActor
{
    private Queue<PendingReply>? _pending;

    /// <summary>The seq the last write decided so far will have (durable or in flight).</summary>
    private long _nextSeq;

    /// <summary>Set when this incarnation started within its fault's backoff: it answers with the fault and stops.</summary>
    private EntityFault? _backingOff;

    /// <summary>Snapshot saves and event deletions in flight and the deletions waiting for them; null when there are none.</summary>
    private CompactionCalls? _compaction;

    /// <summary>
    /// While recovering: which replayed events to apply (<see cref="ReplayGuard"/>: an event replayed again is skipped, one
    /// out of order fails the recovery); null before the first replayed event or snapshot, and after recovery. Every
    /// entity has it (issue 27: the profile entities had none).
    /// </summary>
    protected ReplayGuard? Replay { get; private set; }

    /// <summary>What a failed write could not persist, for the refusal's desc ("the event", "the profile").</summary>
    protected abstract string Persisted { get; }

    /// <summary>The node's store health (an extension lookup, not a field: one reference less per entity).</summary>
    private static StoreHealth Store => StoreHealth.Get(Context.System);

    /// <summary>The node's faulted entities (an extension lookup, like <see cref="Store"/>).</summary>
    private static EntityFaults Faults => EntityFaults.Get(Context.System);

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

    /// <summary>
    /// Beyond <paramref name="maxPendingWrites"/> callers waiting for the store, refuses the request at once (503 TIMEOUT,
    /// issue #13: a user whose writes queue up cannot hold the node's memory); true when it did.
    /// </summary>
    protected bool RefusedWhileBusy(int maxPendingWrites)
    {
        if (PendingReplies < maxPendingWrites)
        {
            return false;
        }

        Sender.Tell(new CommandRefused(ErrorCode.Timeout, $"{PendingReplies} writes of this user wait for the store (max-pending-writes); nothing was done, retry"));
        return true;
    }

    /// <summary>
    /// Answers a request that recorded nothing with <paramref name="reply"/>: at once, or, when it was decided against
    /// writes still in flight, once they are durable (DeferAsync keeps the order).
    /// </summary>
    protected void ReplyWhenDurable(object request, Func<object> reply)
    {
        if (PendingReplies == 0)
        {
            Sender.Tell(reply());
            return;
        }

        AwaitPersist(Sender, 0, 0);
        DeferAsync(request, _ =>
        {
            PersistSucceeded();
            Sender.Tell(reply());
        });
    }

    /// <summary>
    /// Group commit (issue #13): persists <paramref name="events"/> as one atomic write without waiting for the writes in
    /// flight (Akka batches those of one journal round trip); <paramref name="persisted"/> runs for each event once it is
    /// durable (with its index), and the caller is answered <paramref name="reply"/> after the last.
    /// </summary>
    protected void PersistThenReply<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent, int> persisted, Func<object> reply)
        where TEvent : notnull
    {
        AwaitPersist(Sender, _nextSeq + 1, _nextSeq + events.Count);
        _nextSeq += events.Count;
        var next = 0;
        PersistAllAsync(events, e =>
        {
            persisted(e, next++);
            if (next < events.Count)
            {
                return;
            }

            PersistSucceeded();
            Sender.Tell(reply());
        });
    }

    /// <summary>Answers <paramref name="message"/> with <paramref name="answer"/>; null: not a message this entity knows.</summary>
    protected void ReplyOrUnhandled(object message, object? answer)
    {
        if (answer is null)
        {
            Unhandled(message);
            return;
        }

        Sender.Tell(answer);
    }

    /// <summary>Saves <paramref name="snapshot"/>, the state after event <paramref name="seq"/>.</summary>
    protected void SaveSnapshotAfter(long seq, object snapshot)
    {
        (_compaction ??= new CompactionCalls()).SaveStarted(seq);
        SaveSnapshot(snapshot);
    }

    /// <summary>The snapshot after event <paramref name="seq"/> is saved: what to delete now (default: the older snapshots).</summary>
    protected virtual Compaction SnapshotSaved(long seq) => new(seq, 0);

    /// <summary>The snapshot after event <paramref name="seq"/> could not be saved (recovery replays more events).</summary>
    protected virtual void SnapshotSaveFailed(long seq)
    {
    }

    /// <summary>A request or answer for this entity: everything but the snapshot and deletion replies handled here.</summary>
    protected abstract void OnRequest(object message);

    protected sealed override void OnCommand(object message)
    {
        switch (message)
        {
            case SaveSnapshotSuccess ok:
                SnapshotSaveEnded(ok.Metadata.SequenceNr);
                Compact(SnapshotSaved(ok.Metadata.SequenceNr));
                break;
            case SaveSnapshotFailure failed:
                SnapshotSaveEnded(failed.Metadata.SequenceNr);
                SnapshotSaveFailed(failed.Metadata.SequenceNr);
                Log.Warning(failed.Cause, "Snapshot of {0} failed; recovery replays more events", PersistenceId);
                break;
            case DeleteMessagesSuccess deleted:
                // The horizon's snapshot stays; older ones go only once the events they cover are gone, so a reader that
                // finds the journal starting after event H always finds the snapshot at H.
                DeleteSnapshotsThrough(deleted.ToSequenceNr - 1);
                EventDeletionEnded();
                break;
            case DeleteMessagesFailure failed:
                Log.Warning(failed.Cause, "Deleting events of {0} through {1} failed; a later horizon or the next snapshot retries", PersistenceId, failed.ToSequenceNr);
                EventDeletionEnded();
                break;
            case DeleteSnapshotsSuccess:
                break;
            case DeleteSnapshotsFailure failed:
                Log.Warning(failed.Cause, "Deleting old snapshots of {0} failed", PersistenceId);
                break;
            default:
                OnRequest(message);
                break;
        }
    }

    /// <summary>Deletes what a snapshot save released (issue 15): older snapshots, or events.</summary>
    private void Compact(Compaction compaction)
    {
        if (compaction.SnapshotsBelow > 1)
        {
            DeleteSnapshotsThrough(compaction.SnapshotsBelow - 1);
        }

        if (compaction.EventsTo > 0)
        {
            DeleteEventsReleased((_compaction ??= new CompactionCalls()).DeleteEvents(compaction.EventsTo));
        }
    }

    /// <summary>Deletes the snapshots through <paramref name="maxSeq"/> once no older save is in flight (<see cref="CompactionCalls"/>).</summary>
    private void DeleteSnapshotsThrough(long maxSeq) =>
        DeleteSnapshotsReleased(_compaction is null ? maxSeq : _compaction.DeleteSnapshots(maxSeq));

    private void SnapshotSaveEnded(long seq) => DeleteSnapshotsReleased(_compaction?.SaveEnded(seq) ?? 0);

    private void EventDeletionEnded() => DeleteEventsReleased(_compaction?.EventsDeleted() ?? 0);

    private void DeleteSnapshotsReleased(long maxSeq)
    {
        if (maxSeq > 0)
        {
            DeleteSnapshots(new SnapshotSelectionCriteria(maxSeq));
        }

        DropIdleCompaction();
    }

    /// <summary>One deletion of events in flight at a time (<see cref="CompactionCalls"/>): sends the one released, if any.</summary>
    private void DeleteEventsReleased(long toSeq)
    {
        if (toSeq > 0)
        {
            DeleteMessages(toSeq);
        }

        DropIdleCompaction();
    }

    private void DropIdleCompaction()
    {
        if (_compaction is { IsIdle: true })
        {
            _compaction = null;
        }
    }

    /// <summary>After a rejection answered the only waiting caller: the entity goes on (the subclass drops what it assumed).</summary>
    protected virtual void RejectedAlone()
    {
    }

    /// <summary>
    /// An entity started within its fault's backoff does not recover: Akka's recovery never starts, so the store is not
    /// touched; it answers every request with the fault until the backoff ends, then stops (what is left in its mailbox
    /// becomes a dead letter that StoppedEntityAnswers answers the same way), and the next request recovers it again.
    /// </summary>
    public override void AroundPreStart()
    {
        if (!Faults.IsEmpty && Faults.InBackoff(PersistenceId) is { } fault)
        {
            _backingOff = fault;
            Context.SetReceiveTimeout(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (fault.RetryAt - DateTimeOffset.UtcNow).Ticks)));
            return;
        }

        base.AroundPreStart();
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (_backingOff is null)
        {
            if (message is ReplayedMessage replayed)
            {
                // Noted before Akka unwraps the event for OnRecover: Akka's LastSequenceNr only moves forward, so it cannot
                // tell a late event from a repeated one.
                (Replay ??= new ReplayGuard(0)).Replaying = replayed.Persistent.SequenceNr;
            }

            try
            {
                return base.AroundReceive(receive, message);
            }
            catch (Exception e) when (!IsRecovering)
            {
                CommandFailed(message, e);
                throw;
            }
        }

        if (message is IEntityMessage)
        {
            Sender.Tell(new CommandRefused(ErrorCode.StoreUnavailable, _backingOff.Desc));
        }

        if (message is ReceiveTimeout || DateTimeOffset.UtcNow >= _backingOff.RetryAt)
        {
            Context.Stop(Self);
        }

        return true;
    }

    /// <summary>A replayed event is applied only when the <see cref="Replay"/> guard says so; the rest goes to <see cref="Recover"/>.</summary>
    protected sealed override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                Replay = new ReplayGuard(offer.Metadata.SequenceNr);
                break;
            case RecoveryCompleted:
                break;
            default:
                if (Replay?.ShouldApply() == false)
                {
                    return;
                }

                break;
        }

        Recover(message);
    }

    /// <summary>A snapshot offered or a replayed event to apply (each event once, in sequence order).</summary>
    protected abstract void Recover(object message);

    /// <summary>Recovery ended; <paramref name="replay"/> is the guard it used (null: nothing was replayed).</summary>
    protected virtual void Recovered(ReplayGuard? replay)
    {
    }

    protected sealed override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _nextSeq = LastSequenceNr;
        Recovered(Replay);
        Replay = null;
        Store.Succeeded();
        if (!Faults.IsEmpty)
        {
            Faults.Recovered(PersistenceId);
        }
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        // Akka stops the entity after this; queued requests are answered by StoppedEntityAnswers. A replayed event that
        // failed to apply (message) was delivered by the store: the fault is the entity's.
        Failed("recovery", reason, whileApplying: message is not null);
        Log.Debug("Recovery of {0} failed: {1}", PersistenceId, reason.Message);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The event may or may not be in the store: never acknowledged. Akka stops the entity after this and the next
        // message recovers the truth from the journal.
        if (NodeLeaving.Why(Context.System) is { } leaving)
        {
            // The node leaves (downed, or SIGTERM) and its journal connections close under the write: not the store's
            // failure (issue 31), and the write may or may not have landed.
            AnswerAll(new CommandRefused(ErrorCode.Timeout, NodeLeaving.Desc(leaving, $"{Persisted} may or may not have been persisted")));
            Log.Debug("Write {0} of {1} failed while the node leaves: {2}", sequenceNr, PersistenceId, cause.Message);
            return;
        }

        var fault = Failed("write", cause, whileApplying: false);
        AnswerAll(new CommandRefused(ErrorCode.StoreUnavailable, fault?.Desc ?? $"{Persisted} could not be persisted; nothing was acknowledged, retry"));
        Log.Debug("Write {0} of {1} failed: {2}", sequenceNr, PersistenceId, cause.Message);
    }

    /// <summary>
    /// The entity's own code threw while it decided a request or ran a persist callback (a bug on the live path): an
    /// entity fault, answered at once instead of after ask-timeout. Akka's supervision then restarts the entity, which
    /// recovers its state from the journal (and clears the fault). A request being decided recorded nothing; callers
    /// waiting for earlier writes are told their write may or may not be durable, so they retry (idempotent by msgID).
    /// </summary>
    private void CommandFailed(object message, Exception cause)
    {
        var fault = Faults.Failed(PersistenceId, Self.Path.ToStringWithoutAddress(), "command", cause);
        if (message is IEntityMessage)
        {
            Sender.Tell(new CommandRefused(ErrorCode.StoreUnavailable, $"{PersistenceId} failed on this request ({fault.Cause}); nothing was done"));
        }

        AnswerAll(new CommandRefused(ErrorCode.Timeout, $"{PersistenceId} failed before it answered ({fault.Cause}); the write may or may not have been applied, retry"));
    }

    /// <summary>Reports a failure to the store's health or to the entity faults, by its origin; the entity fault, if it was one.</summary>
    private EntityFault? Failed(string what, Exception cause, bool whileApplying)
    {
        if (NodeLeaving.Why(Context.System) is not null)
        {
            // A node that leaves closes its journal connections: neither the store's failure nor the entity's.
            return null;
        }

        if (FaultClassifier.Classify(cause, whileApplying) == FaultOrigin.Store)
        {
            Store.Failed(what, cause);
            return null;
        }

        return Faults.Failed(PersistenceId, Self.Path.ToStringWithoutAddress(), what, cause);
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
