using Akka.Actor;
using Akka.Persistence;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// A user's stored snapshot as the entity saved it: the state after event <paramref name="Seq"/>, and that event's
/// server time when the snapshot records it (<paramref name="At"/>, ms since epoch; null in snapshots without it).
/// </summary>
public sealed record StoredSnapshot(long Seq, ConversationSet State, long? At = null);

/// <summary>
/// Loads users' snapshots straight from the snapshot store (issue 15), so time travel and change-feed resumes start
/// from the latest snapshot at or before their target instead of from seq 1.
/// </summary>
public sealed class SnapshotReader(ActorSystem system, TimeSpan timeout)
{
    private readonly IActorRef _store = Persistence.Instance.Apply(system).SnapshotStoreFor(null);

    /// <summary>
    /// The latest snapshot with seq ≤ <paramref name="maxSeq"/> and, when given, saved at or before
    /// <paramref name="maxSavedAt"/> (ms since epoch); null when there is none.
    /// </summary>
    public async Task<StoredSnapshot?> LoadAsync(string userID, long maxSeq, int dedupeWindow, long? maxSavedAt, CancellationToken cancellationToken)
    {
        var criteria = maxSavedAt is { } at
            ? new SnapshotSelectionCriteria(maxSeq, DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime)
            : new SnapshotSelectionCriteria(maxSeq);
        var answer = await _store.Ask<object>(new LoadSnapshot(JournalReader.PersistenceIdOf(userID), criteria, maxSeq), timeout, cancellationToken);
        return answer switch
        {
            LoadSnapshotResult { Snapshot: { } selected } when selected.Snapshot is ConversationSetSnapshot snapshot =>
                new StoredSnapshot(selected.Metadata.SequenceNr, snapshot.Restore(dedupeWindow), snapshot.LastEventAt),
            LoadSnapshotResult => null,
            LoadSnapshotFailed failed => throw new InvalidOperationException($"the snapshot of {userID} could not be loaded", failed.Cause),
            _ => throw new InvalidOperationException($"unexpected answer {answer.GetType().Name} from the snapshot store"),
        };
    }
}
