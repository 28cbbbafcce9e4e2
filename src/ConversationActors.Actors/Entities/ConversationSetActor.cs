using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using Decider = ConversationActors.Domain.Fold.Decider;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// One user's conversation set: decide → persist → apply → reply, and queries from memory.
/// Group commit (issue #13): while writes are in flight the entity keeps deciding commands, in arrival order, against
/// the pending state (durable state plus the events decided so far); Akka writes the events decided during one journal
/// round trip as one batch, and each caller is answered once its own events are durable. Queries read only the durable
/// state. A command that records nothing is answered after the writes decided before it are durable (DeferAsync);
/// beyond <see cref="EntitySettings.MaxPendingWrites"/> waiting callers a write is refused at once (503 TIMEOUT).
/// A write is answered only after its event is durable; a failed write is answered STORE_UNAVAILABLE
/// and the actor stops, so the next message recovers it from the journal with no trace of the failure
/// (<see cref="DurableEntity"/>).
/// </summary>
public sealed class ConversationSetActor : DurableEntity
{
    public const string PersistencePrefix = "conversations-";
    private readonly EntitySettings _settings;
    private ConversationSet _state;
    private ConversationSet _pending;
    private long _nextSeq;
    private readonly ChangeHistory _history;
    private readonly string _userID;
    private readonly JournalLifeCycle _lifeCycle;

    /// <summary>Snapshot saves and event deletions in flight and the deletions waiting for them; null when there are none.</summary>
    private CompactionCalls? _compaction;

    /// <param name="userID">The owner; null: the actor's own name, unescaped (a shard names each entity after its
    /// entity ID escaped with <see cref="Uri.EscapeDataString(string)"/>), so one <see cref="Akka.Actor.Props"/> serves every
    /// entity of a region (<see cref="ShardedProps"/>).</param>
    /// <param name="settings">The node's entity settings.</param>
    public ConversationSetActor(string? userID, EntitySettings settings)
    {
        userID ??= Uri.UnescapeDataString(Self.Path.Name);
        _settings = settings;
        _state = ConversationSet.Empty(userID, settings.Fold.DedupeWindow);
        _pending = _state;
        _history = new ChangeHistory(settings.ChangeHistory);
        _lifeCycle = JournalLifeCycle.For(settings.Journal);
        _userID = userID;
    }

    /// <summary>Made when asked rather than held (issue #14: ~70 bytes less per idle entity; Akka reads it to write, recover and snapshot).</summary>
    public override string PersistenceId => PersistencePrefix + _userID;

    protected override string Persisted => "the event";

    private long Now => _settings.Now();

    private long Retention => _settings.Fold.RetentionMs;

    public static Props Props(string userID, EntitySettings settings) =>
        Akka.Actor.Props.Create(() => new ConversationSetActor(userID, settings));

    /// <summary>
    /// The one <see cref="Akka.Actor.Props"/> of a shard region's entities: each takes its userID from its name (issue
    /// #14: a Props per entity, with its arguments and producer, stays in the entity's cell for its whole life).
    /// </summary>
    public static Props ShardedProps(EntitySettings settings) =>
        Akka.Actor.Props.Create(() => new ConversationSetActor(null, settings));

    protected override void Recover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                var snapshot = (ConversationSetSnapshot)offer.Snapshot;
                _state = snapshot.Restore(_settings.Fold.DedupeWindow);
                _lifeCycle.Recovered(offer.Metadata.SequenceNr, snapshot);
                break;
            case IConversationEvent e:
                // No one sees the state until recovery ends: the fold writes in place (issue #14, ConversationSet.Transient).
                var replay = Replay!;
                _state = (replay.Edit is null ? _state.Transient(replay.Edit = new FoldEdit()) : _state).Apply(e);
                replay.ReplayedAt = e.At;
                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case UserCommand command:
                Handle(command);
                break;
            case GetConversationPage q:
                Sender.Tell(new PageAnswer(ListQueries.Page(_state, q.From, q.Count, Now, Retention, q.Filter, ListQueries.ScanBudget(q.Filter, q.Count))));
                break;
            case GetConversationBatch q:
                Sender.Tell(new BatchAnswer(ListQueries.Batch(_state, q.ConversationIDs, Now, Retention)));
                break;
            case GetConversation q:
                Sender.Tell(new ConversationAnswer(
                    ListQueries.Get(_state, q.ConversationID, Now, Retention),
                    q.WithStats ? ListQueries.Stats(_state, q.ConversationID, Now, Retention) : null));
                break;
            case GetTotalUnread q:
                Sender.Tell(new TotalUnreadAnswer(ListQueries.TotalUnread(_state, Now, Retention, q.Filter)));
                break;
            case GetChanges q:
                Sender.Tell(q.After is { } after
                    ? _history.Since(after, q.Max, LastSequenceNr)
                    : new ChangesAnswer(LastSequenceNr, ListQueries.TotalUnread(_state, Now, Retention), []));
                break;
            case GetConversationGroups:
                Sender.Tell(new ConversationGroupsAnswer(_state.ConversationGroups.ToArray()));
                break;
            case SaveSnapshotSuccess ok:
                SnapshotSaveEnded(ok.Metadata.SequenceNr);
                Compact(_lifeCycle.Saved(ok.Metadata.SequenceNr, Now, ArchivedThrough()));
                break;
            case SaveSnapshotFailure failed:
                SnapshotSaveEnded(failed.Metadata.SequenceNr);
                _lifeCycle.SaveFailed(failed.Metadata.SequenceNr);
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
                Unhandled(message);
                break;
        }
    }

    private void Handle(UserCommand message)
    {
        if (PendingReplies >= _settings.MaxPendingWrites)
        {
            Sender.Tell(new CommandRefused(ErrorCode.Timeout, $"{PendingReplies} writes of this user wait for the store (max-pending-writes); nothing was done, retry"));
            return;
        }

        var now = Now;
        var decision = Decider.Decide(_pending, message.Command, now, _settings.Fold);
        if (decision.Events.Count == 0)
        {
            if (PendingReplies == 0)
            {
                Sender.Tell(NothingRecorded(message, decision, now));
                return;
            }

            // Decided against events that are not durable yet: answered once they are.
            AwaitPersist(Sender, 0, 0);
            DeferAsync(message, _ =>
            {
                PersistSucceeded();
                Sender.Tell(NothingRecorded(message, decision, now));
            });
            return;
        }

        // A multi-conversation write persists its events together (one atomic write, one journal entry each) and is
        // answered once, after the last of them is durable. Each event is folded once (issue 27): the state after it is
        // kept until it is durable and then becomes the durable state. The durable state before an event is always the
        // pending state it was decided on, since events become durable in the order they were decided, and a rejection
        // or failure resets or stops the entity.
        var after = new ConversationSet[decision.Events.Count];
        for (var i = 0; i < after.Length; i++)
        {
            after[i] = _pending = _pending.Apply(decision.Events[i]);
        }

        AwaitPersist(Sender, _nextSeq + 1, _nextSeq + decision.Events.Count);
        _nextSeq += decision.Events.Count;
        var next = 0;
        PersistAllAsync(decision.Events, persisted =>
        {
            var before = _state;
            _state = after[next++];
            // Live change feed: each persisted event's change items go to the user's topic (at most once; the journal
            // fills gaps). The mediator is looked up per event rather than held (issue #14: one reference less per entity).
            DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(ChangeNotice.TopicFor(_state.OwnerID), _history.Record(before, _state, LastSequenceNr, persisted.At, Retention)));
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                (_compaction ??= new CompactionCalls()).SaveStarted(LastSequenceNr);
                SaveSnapshot(_lifeCycle.Snapshot(_state, LastSequenceNr, persisted.At));
            }

            if (next < after.Length)
            {
                return;
            }

            PersistSucceeded();
            Sender.Tell(new CommandAccepted(true, Answer(message, now), LastSequenceNr, decision.Results));
        });
    }

    /// <summary>Deletes what the journal's life cycle released after a snapshot save (issue 15): older snapshots, or events.</summary>
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

    /// <summary>With an archive folder, the seq <c>convctl archive</c> has recorded for this user (0: none, or unreadable).</summary>
    private long ArchivedThrough()
    {
        if (_settings.Journal.ArchiveDirectory is not { } directory)
        {
            return long.MaxValue;
        }

        try
        {
            return ArchiveWatermark.Read(directory, _state.OwnerID).ArchivedThroughSeq;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            Log.Warning(e, "The archive watermark of {0} could not be read; nothing is deleted until it can", PersistenceId);
            return 0;
        }
    }

    /// <summary>The answer to a command that recorded nothing: its refusal, or success with the current state.</summary>
    private object NothingRecorded(UserCommand message, Decision decision, long now) =>
        decision.Refusal is { } refusal
            ? new CommandRefused(refusal.Code, refusal.Desc)
            : new CommandAccepted(false, Answer(message, now), LastSequenceNr, decision.Results);

    /// <summary>
    /// After recovery: nothing is pending, and the change history starts where recovery ended (its total known when an
    /// event was replayed, or with no journal).
    /// </summary>
    protected override void Recovered(ReplayGuard? replay)
    {
        var replayedAt = replay?.ReplayedAt ?? 0;
        if (replay?.Edit is { } edit)
        {
            _state = _state.Sealed(edit);
        }

        _pending = _state;
        _nextSeq = LastSequenceNr;
        _history.Reset(LastSequenceNr, LastSequenceNr == 0 ? 0 : replayedAt > 0 ? ListQueries.TotalUnread(_state, replayedAt, Retention) : null);
    }

    /// <summary>The rejected events were never stored (their seqs stay used): nothing else was decided on top of them.</summary>
    protected override void RejectedAlone() => _pending = _state;

    /// <summary>The conversation an action answers with (SPEC 4.2): the one it touched, as it is now; none for a fan-out delivery.</summary>
    private ConversationView? Answer(UserCommand message, long now) => message.DeliveryOnly ? null : message.Command switch
    {
        DeleteConversation => null,
        SetFriendRemark remark => ListQueries.Get(_state, Domain.Ids.ConversationId.C2C(remark.PeerID).Value, now, Retention),
        AddMessage c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        RevokeMessage c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        SetDraft c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        SetPinned c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        SetRecvOpt c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        MarkRead c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        ClearHistory c => ListQueries.Get(_state, c.ConversationID.Value, now, Retention),
        _ => null,
    };
}
