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
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ConversationSet _state;
    private ConversationSet _pending;
    private long _nextSeq;
    private readonly ChangeHistory _history;
    private readonly JournalLifeCycle _lifeCycle;
    private IActorRef _changes = ActorRefs.Nobody;
    private long? _replayedAt;

    public ConversationSetActor(string userID, EntitySettings settings)
    {
        _settings = settings;
        _state = ConversationSet.Empty(userID, settings.Fold.DedupeWindow);
        _pending = _state;
        _history = new ChangeHistory(settings.ChangeHistory);
        _lifeCycle = new JournalLifeCycle(settings.Journal);
        PersistenceId = PersistencePrefix + userID;

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (ConversationSetSnapshot)offer.Snapshot;
            _state = snapshot.Restore(settings.Fold.DedupeWindow);
            _lifeCycle.Recovered(offer.Metadata.SequenceNr, snapshot);
        });
        Recover<IConversationEvent>(e =>
        {
            _state = _state.Apply(e);
            _replayedAt = e.At;
        });

        Command<UserCommand>(Handle);
        Command<GetConversationPage>(q => Sender.Tell(new PageAnswer(ListQueries.Page(
            _state, q.From, q.Count, Now, Retention, q.Filter, ListQueries.ScanBudget(q.Filter, q.Count)))));
        Command<GetConversationBatch>(q => Sender.Tell(new BatchAnswer(ListQueries.Batch(_state, q.ConversationIDs, Now, Retention))));
        Command<GetConversation>(q => Sender.Tell(new ConversationAnswer(
            ListQueries.Get(_state, q.ConversationID, Now, Retention),
            q.WithStats ? ListQueries.Stats(_state, q.ConversationID, Now, Retention) : null)));
        Command<GetTotalUnread>(q => Sender.Tell(new TotalUnreadAnswer(ListQueries.TotalUnread(_state, Now, Retention, q.Filter))));
        Command<GetChanges>(q => Sender.Tell(q.After is { } after
            ? _history.Since(after, q.Max, LastSequenceNr)
            : new ChangesAnswer(LastSequenceNr, ListQueries.TotalUnread(_state, Now, Retention), [])));
        Command<GetConversationGroups>(_ => Sender.Tell(new ConversationGroupsAnswer(_state.ConversationGroups.ToArray())));
        Command<SaveSnapshotSuccess>(ok => Compact(_lifeCycle.Saved(ok.Metadata.SequenceNr, Now, ArchivedThrough())));
        Command<SaveSnapshotFailure>(failed =>
        {
            _lifeCycle.SaveFailed(failed.Metadata.SequenceNr);
            _log.Warning(failed.Cause, "Snapshot of {0} failed; recovery replays more events", PersistenceId);
        });
        // The horizon's snapshot stays; older ones go only once the events they cover are gone, so a reader that
        // finds the journal starting after event H always finds the snapshot at H.
        Command<DeleteMessagesSuccess>(deleted => DeleteSnapshots(new SnapshotSelectionCriteria(deleted.ToSequenceNr - 1)));
        Command<DeleteMessagesFailure>(failed => _log.Warning(failed.Cause, "Deleting events of {0} through {1} failed; the next snapshot retries", PersistenceId, failed.ToSequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed => _log.Warning(failed.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    protected override string Persisted => "the event";

    private long Now => _settings.Now();

    private long Retention => _settings.Fold.RetentionMs;

    public static Props Props(string userID, EntitySettings settings) =>
        Akka.Actor.Props.Create(() => new ConversationSetActor(userID, settings));

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
        // answered once, after the last of them is durable.
        foreach (var evt in decision.Events)
        {
            _pending = _pending.Apply(evt);
        }

        AwaitPersist(Sender, _nextSeq + 1, _nextSeq + decision.Events.Count);
        _nextSeq += decision.Events.Count;
        var left = decision.Events.Count;
        PersistAllAsync(decision.Events, persisted =>
        {
            var before = _state;
            _state = _state.Apply(persisted);
            _changes.Tell(new Publish(ChangeNotice.TopicFor(_state.OwnerID), _history.Record(before, _state, LastSequenceNr, persisted.At, Retention)));
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                SaveSnapshot(_lifeCycle.Snapshot(_state, LastSequenceNr, persisted.At));
            }

            if (--left > 0)
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
            DeleteSnapshots(new SnapshotSelectionCriteria(compaction.SnapshotsBelow - 1));
        }

        if (compaction.EventsTo > 0)
        {
            DeleteMessages(compaction.EventsTo);
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
            _log.Warning(e, "The archive watermark of {0} could not be read; nothing is deleted until it can", PersistenceId);
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
    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _pending = _state;
        _nextSeq = LastSequenceNr;
        _history.Reset(LastSequenceNr, LastSequenceNr == 0 ? 0 : _replayedAt is { } at ? ListQueries.TotalUnread(_state, at, Retention) : null);
    }

    /// <summary>The rejected events were never stored (their seqs stay used): nothing else was decided on top of them.</summary>
    protected override void RejectedAlone() => _pending = _state;

    /// <summary>Live change feed: each persisted event's change items go to the user's topic (at most once; the journal fills gaps).</summary>
    protected override void PreStart()
    {
        base.PreStart();
        _changes = DistributedPubSub.Get(Context.System).Mediator;
    }

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
