using System.Collections.Concurrent;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Snapshot;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// The stock SQL snapshot store with one save held back, as a save that waits on a busy SQLite file while later saves
/// go through: <see cref="HoldSave"/> keeps the save of one seq of one persistence id from the database until a deletion
/// of that persistence id covering the seq has been carried out, or until <see cref="HoldAtMost"/> passed. Akka's
/// snapshot store runs saves and deletions concurrently, so the held save lands after that deletion. Enabled by
/// <see cref="ConfigLine"/>.
/// </summary>
public sealed class GatedSqlSnapshotStore(Config config) : SqlSnapshotStore(config)
{
    public const string ConfigLine =
        "akka.persistence.snapshot-store.sql.class = \"ConversationActors.Actors.Tests.Support.GatedSqlSnapshotStore, ConversationActors.Actors.Tests\"";

    /// <summary>Longest a held save waits for a deletion (well inside the store breaker's 5 s call-timeout).</summary>
    public static readonly TimeSpan HoldAtMost = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<string, Hold> Holds = new(StringComparer.Ordinal);

    /// <summary>The save of <paramref name="seq"/> of <paramref name="persistenceId"/> is held (once) as the type says.</summary>
    public static Hold HoldSave(string persistenceId, long seq) => Holds[persistenceId] = new Hold(seq);

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        if (Holds.TryGetValue(metadata.PersistenceId, out var hold) && hold.Seq == metadata.SequenceNr)
        {
            var released = await Task.WhenAny(hold.Covered.Task, Task.Delay(HoldAtMost)) == hold.Covered.Task;
            hold.ReleasedByDeletion.TrySetResult(released);
        }

        await base.SaveAsync(metadata, snapshot, cancellationToken);
        if (hold is not null && hold.Seq == metadata.SequenceNr)
        {
            hold.Saved.TrySetResult();
        }
    }

    protected override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        await base.DeleteAsync(persistenceId, criteria, cancellationToken);
        if (Holds.TryGetValue(persistenceId, out var hold) && criteria.MaxSequenceNr >= hold.Seq && criteria.MinSequenceNr <= hold.Seq)
        {
            hold.Covered.TrySetResult();
        }
    }

    /// <summary>One held save and what became of it.</summary>
    public sealed class Hold(long seq)
    {
        public long Seq { get; } = seq;

        internal TaskCompletionSource Covered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>True when a deletion covering the seq ran while the save was held (it then overtook the save).</summary>
        public TaskCompletionSource<bool> ReleasedByDeletion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the held save reached the database.</summary>
        public TaskCompletionSource Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
