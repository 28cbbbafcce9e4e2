using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Actors.Protocol;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// A profile entity (user or group): each change persists the whole profile after the merge; a PUT
/// that changes nothing records nothing. Answered only after the event is durable. Snapshots, their deletion order and
/// replay guarding are <see cref="DurableEntity"/>'s, the same as for conversation sets (issue 27).
/// </summary>
public abstract class ProfileActor<TProfile> : DurableEntity
    where TProfile : class
{
    private readonly EntitySettings _settings;
    private TProfile _profile;

    protected ProfileActor(string persistenceId, TProfile empty, EntitySettings settings)
    {
        PersistenceId = persistenceId;
        _profile = empty;
        _settings = settings;
    }

    public override string PersistenceId { get; }

    protected override string Persisted => "the profile";

    protected abstract TProfile ProfileOf(IProfileEvent e);

    protected abstract IProfileEvent Changed(TProfile profile, long at);

    protected abstract IClusterMessage Answer(TProfile profile);

    /// <summary>Handles a request of this kind of profile (get, update); false: not one.</summary>
    protected abstract bool HandleRequest(object message);

    protected override void Recover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _profile = (TProfile)offer.Snapshot;
                break;
            case IProfileEvent e:
                _profile = ProfileOf(e);
                break;
        }
    }

    protected override void OnRequest(object message)
    {
        if (!HandleRequest(message))
        {
            Unhandled(message);
        }
    }

    protected void Get() => Sender.Tell(Answer(_profile));

    protected void Update(Func<TProfile, TProfile> merge)
    {
        var changed = merge(_profile);
        if (changed.Equals(_profile))
        {
            Sender.Tell(Answer(_profile));
            return;
        }

        AwaitPersist(Sender, LastSequenceNr + 1, LastSequenceNr + 1);
        Persist(Changed(changed, _settings.Now()), e =>
        {
            PersistSucceeded();
            _profile = ProfileOf(e);
            Sender.Tell(Answer(_profile));
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                SaveSnapshotAfter(LastSequenceNr, _profile);
            }
        });
    }
}
