using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal (on PostgreSQL as it is; on SQLite through <see cref="SqliteJournal"/>), answering a
/// write batch that holds no events without calling the plugin (issue 26). Akka sends a <c>DeferAsync</c> made while a
/// write is in flight (an entity answering a retry that races its first attempt) through the journal; when it is
/// flushed alone the journal gets a batch with no <see cref="AtomicWrite"/>, and the plugin's write fails on it
/// ("Sequence contains no elements", akka.net #6355). The failure counted on the journal's circuit breaker: a few such
/// retries opened it, and every write and recovery on the node failed fast as if the store were down.
/// </summary>
public class SqlJournal(Config config) : SqlWriteJournal(config)
{
    private static readonly Task<IImmutableList<Exception>> NothingWritten = Task.FromResult<IImmutableList<Exception>>(null!);

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        return writes.Count == 0 ? NothingWritten : base.WriteMessagesAsync(writes, cancellationToken);
    }
}
