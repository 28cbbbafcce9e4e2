using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// A profile entity (user or group): each change persists the whole profile after the merge; a PUT
/// that changes nothing records nothing. Answered only after the event is durable.
/// </summary>
public abstract class ProfileActor<TProfile> : ReceivePersistentActor
    where TProfile : class
{
    private readonly EntitySettings _settings;
    private TProfile _profile;
    private IActorRef? _awaitingPersist;

    protected ProfileActor(string persistenceId, TProfile empty, EntitySettings settings)
    {
        PersistenceId = persistenceId;
        _profile = empty;
        _settings = settings;

        Recover<SnapshotOffer>(offer => _profile = (TProfile)offer.Snapshot);
        Recover<IProfileEvent>(e => _profile = ProfileOf(e));
        Command<SaveSnapshotSuccess>(ok => DeleteSnapshots(new SnapshotSelectionCriteria(ok.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId { get; }

    protected abstract TProfile ProfileOf(IProfileEvent e);

    protected abstract IProfileEvent Changed(TProfile profile, long at);

    protected abstract IClusterMessage Answer(TProfile profile);

    protected void Get() => Sender.Tell(Answer(_profile));

    protected void Update(Func<TProfile, TProfile> merge)
    {
        var changed = merge(_profile);
        if (changed.Equals(_profile))
        {
            Sender.Tell(Answer(_profile));
            return;
        }

        _awaitingPersist = Sender;
        Persist(Changed(changed, _settings.Now()), e =>
        {
            _awaitingPersist = null;
            _profile = ProfileOf(e);
            Sender.Tell(Answer(_profile));
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                SaveSnapshot(_profile);
            }
        });
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _awaitingPersist?.Tell(new CommandRefused(ErrorCode.StoreUnavailable, "the profile could not be persisted; nothing was acknowledged, retry"));
        _awaitingPersist = null;
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _awaitingPersist?.Tell(new CommandRefused(ErrorCode.StoreUnavailable, "the profile was rejected by the store; nothing changed"));
        _awaitingPersist = null;
        base.OnPersistRejected(cause, @event, sequenceNr);
    }
}
