using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;
using Decider = ConversationActors.Domain.Fold.Decider;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// One user's conversation set: decide → persist → apply → reply, and queries from memory
/// (<see cref="ConversationSetQueries"/>). Group commit (issue #13): while writes are in flight the entity keeps deciding
/// commands, in arrival order, against the pending state (durable state plus the events decided so far); each caller
/// is answered once its own events are durable (<see cref="DurableEntity.PersistThenReply{TEvent}"/>). Queries read only
/// the durable state. Change items go to the streams registered with it (<see cref="ChangeDelivery"/>); snapshots,
/// deletions, store failures and replay guarding are <see cref="DurableEntity"/>'s, the journal's retention
/// <see cref="JournalLifeCycle"/>'s.
/// </summary>
public sealed class ConversationSetActor : DurableEntity
{
    public const string PersistencePrefix = "conversations-";
    private readonly EntitySettings _settings;
    private ConversationSet _state;
    private ConversationSet _pending;
    private readonly string _userID;
    private readonly JournalLifeCycle _lifeCycle;

    /// <summary>The streams registered with this entity and their history; null while there are none (issue 27).</summary>
    private ChangeDelivery? _changes;

    /// <param name="userID">The owner; null: the actor's own name, unescaped (a shard names each entity after its escaped
    /// entity ID), so one <see cref="Akka.Actor.Props"/> serves every entity of a region (<see cref="ShardedProps"/>).</param>
    public ConversationSetActor(string? userID, EntitySettings settings)
    {
        userID ??= Uri.UnescapeDataString(Self.Path.Name);
        _settings = settings;
        _state = ConversationSet.Empty(userID, settings.Fold.DedupeWindow);
        _pending = _state;
        _lifeCycle = JournalLifeCycle.For(settings.Journal);
        _userID = userID;
    }

    /// <summary>Made when asked rather than held (issue #14: ~70 bytes less per idle entity; Akka reads it to write, recover and snapshot).</summary>
    public override string PersistenceId => PersistencePrefix + _userID;

    protected override string Persisted => "the event";

    private long Now => _settings.Now();

    private long Retention => _settings.Fold.RetentionMs;

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
                _state = Replay!.Fold(_state, e);
                break;
        }
    }

    protected override void OnRequest(object message)
    {
        switch (message)
        {
            case UserCommand command:
                Handle(command);
                break;
            case GetChanges { Subscribe: true } q:
                Sender.Tell((_changes ??= new ChangeDelivery(_settings.ChangeHistory)).Register(Context, q, _state, LastSequenceNr, Now, Retention));
                break;
            case GetChanges q:
                Sender.Tell(ChangeDelivery.Answer(_changes, q, _state, LastSequenceNr, Now, Retention));
                break;
            case Terminated gone: // only registered streams are watched
                _changes?.Unregister(gone.ActorRef, Now);
                break;
            default:
                ReplyOrUnhandled(message, ConversationSetQueries.Answer(message, _state, Now, Retention));
                break;
        }
    }

    private void Handle(UserCommand message)
    {
        if (RefusedWhileBusy(_settings.MaxPendingWrites))
        {
            return;
        }

        var now = Now;
        var decision = Decider.Decide(_pending, message.Command, now, _settings.Fold, messageChecked: message.DeliveryOnly);
        if (decision.Events.Count == 0)
        {
            ReplyWhenDurable(message, () => decision.Refusal is { } refusal
                ? new CommandRefused(refusal.Code, refusal.Desc)
                : new CommandAccepted(false, ConversationSetQueries.ViewAfter(message, _state, now, Retention), LastSequenceNr, decision.Results));
            return;
        }

        // Each event is folded once (issue 27): the state after it is kept until it is durable and then becomes the durable
        // state. The durable state before an event is always the pending state it was decided on, since events become
        // durable in the order they were decided, and a rejection or failure resets or stops the entity.
        var after = _pending.ApplyEach(decision.Events);
        _pending = after[^1];

        PersistThenReply(
            decision.Events,
            (persisted, i) => Applied(after[i], persisted),
            () => new CommandAccepted(true, ConversationSetQueries.ViewAfter(message, _state, now, Retention), LastSequenceNr, decision.Results));
    }

    /// <summary>Event <paramref name="persisted"/> is durable: <paramref name="state"/> is the state after it.</summary>
    private void Applied(ConversationSet state, IConversationEvent persisted)
    {
        var before = _state;
        _state = state;
        _changes = _changes?.Persisted(before, _state, persisted, LastSequenceNr, Retention, Self);

        if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
        {
            SaveSnapshotAfter(LastSequenceNr, _lifeCycle.Snapshot(_state, LastSequenceNr, persisted.At));
        }
    }

    protected override Compaction SnapshotSaved(long seq) => _lifeCycle.Saved(seq, Now, _lifeCycle.ArchivedThrough(_userID, Log));

    protected override void SnapshotSaveFailed(long seq) => _lifeCycle.SaveFailed(seq);

    /// <summary>After recovery: nothing is pending; the state replayed in place is sealed.</summary>
    protected override void Recovered(ReplayGuard? replay) => _pending = _state = ReplayGuard.Sealed(replay, _state);

    /// <summary>The rejected events were never stored (their seqs stay used): nothing else was decided on top of them.</summary>
    protected override void RejectedAlone() => _pending = _state;
}
