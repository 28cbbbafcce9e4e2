using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// Test-only: writes prepared events (and a snapshot) under an entity's persistence id in large batches,
/// far faster than one command at a time. Stop it before the real entity starts.
/// </summary>
public sealed class JournalWriter : ReceivePersistentActor
{
    private IActorRef _snapshotRequester = ActorRefs.Nobody;

    public JournalWriter(string persistenceId)
    {
        PersistenceId = persistenceId;
        Command<Write>(write =>
        {
            var requester = Sender;
            var left = write.Events.Count;
            PersistAll(write.Events, _ =>
            {
                if (--left == 0)
                {
                    requester.Tell(LastSequenceNr);
                }
            });
        });
        Command<Snapshot>(snapshot =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot(snapshot.State);
        });
        Command<SaveSnapshotSuccess>(ok => _snapshotRequester.Tell(ok.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(failed => _snapshotRequester.Tell(new Status.Failure(failed.Cause)));
    }

    public override string PersistenceId { get; }

    /// <summary>Persist these events; answered with the last sequence number.</summary>
    public sealed record Write(IReadOnlyList<IConversationEvent> Events);

    /// <summary>Save this snapshot at the current sequence number; answered with it.</summary>
    public sealed record Snapshot(ConversationSetSnapshot State);
}
