using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
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
    private readonly ChangeHistory _history;
    private IActorRef _changes = ActorRefs.Nobody;
    private long? _replayedAt;

    public ConversationSetActor(string userID, EntitySettings settings)
    {
        _settings = settings;
        _state = ConversationSet.Empty(userID, settings.Fold.DedupeWindow);
        _history = new ChangeHistory(settings.ChangeHistory);
        PersistenceId = PersistencePrefix + userID;

        Recover<SnapshotOffer>(offer => _state = ((ConversationSetSnapshot)offer.Snapshot).Restore(settings.Fold.DedupeWindow));
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
        Command<SaveSnapshotSuccess>(ok => DeleteSnapshots(new SnapshotSelectionCriteria(ok.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed => _log.Warning(failed.Cause, "Snapshot of {0} failed; recovery replays more events", PersistenceId));
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
        var now = Now;
        var decision = Decider.Decide(_state, message.Command, now, _settings.Fold);
        if (decision.Refusal is { } refusal)
        {
            Sender.Tell(new CommandRefused(refusal.Code, refusal.Desc));
            return;
        }

        if (decision.Events.Count == 0)
        {
            Sender.Tell(new CommandAccepted(false, Answer(message.Command, now), LastSequenceNr, decision.Results));
            return;
        }

        // A multi-conversation write persists its events together (one journal entry each) and is
        // answered once, after the last of them is durable.
        AwaitPersist(Sender);
        var firstSeq = LastSequenceNr;
        var left = decision.Events.Count;
        PersistAll(decision.Events, persisted =>
        {
            var before = _state;
            _state = _state.Apply(persisted);
            _changes.Tell(new Publish(ChangeNotice.TopicFor(_state.OwnerID), _history.Record(before, _state, LastSequenceNr, persisted.At, Retention)));
            if (--left > 0)
            {
                return;
            }

            PersistSucceeded();
            Sender.Tell(new CommandAccepted(true, Answer(message.Command, now), LastSequenceNr, decision.Results));
            if (_settings.SnapshotEvery > 0 && LastSequenceNr / _settings.SnapshotEvery != firstSeq / _settings.SnapshotEvery)
            {
                SaveSnapshot(ConversationSetSnapshot.Of(_state));
            }
        });
    }

    /// <summary>The change history starts where recovery ended (its total known when an event was replayed, or with no journal).</summary>
    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        _history.Reset(LastSequenceNr, LastSequenceNr == 0 ? 0 : _replayedAt is { } at ? ListQueries.TotalUnread(_state, at, Retention) : null);
    }

    /// <summary>Live change feed: each persisted event's change items go to the user's topic (at most once; the journal fills gaps).</summary>
    protected override void PreStart()
    {
        base.PreStart();
        _changes = DistributedPubSub.Get(Context.System).Mediator;
    }

    /// <summary>The conversation an action answers with (SPEC 4.2): the one it touched, as it is now.</summary>
    private ConversationView? Answer(IConversationCommand command, long now) => command switch
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
