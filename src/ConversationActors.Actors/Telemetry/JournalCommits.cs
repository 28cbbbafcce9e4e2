using System.Collections.Concurrent;

namespace ConversationActors.Actors.Telemetry;

/// <summary>
/// Issue #13: counts the journal's write transactions and the event rows they commit, so the bench and the tests can
/// see events per journal transaction (does the write pipeline form batches?). The journal writes through its own
/// statement on both stores (<see cref="Journal.SqlJournalWriter"/>), which reports each commit to
/// <see cref="Committed"/> (two counter updates per transaction). Before issue 27 the PostgreSQL journal wrote through
/// linq2db, and this class hooked linq2db's trace to count its statements.
/// </summary>
public static class JournalCommits
{
    private static readonly ConcurrentDictionary<string, Counts> ByConnectionString = new(StringComparer.Ordinal);
    private static readonly Counts All = new();

    /// <summary>Journal write transactions committed and the event rows in them since the process started: all, or those on one connection string.</summary>
    public static (long Transactions, long Rows) Read(string? connectionString = null) =>
        (connectionString is null ? All : ByConnectionString.GetValueOrDefault(connectionString)) is { } c
            ? (Interlocked.Read(ref c.Transactions), Interlocked.Read(ref c.Rows))
            : (0, 0);

    /// <summary>Counts one committed journal write transaction of <paramref name="rows"/> event rows on <paramref name="connectionString"/>.</summary>
    public static void Committed(string? connectionString, long rows)
    {
        All.Add(rows);
        if (connectionString is not null)
        {
            ByConnectionString.GetOrAdd(connectionString, _ => new Counts()).Add(rows);
        }
    }

    private sealed class Counts
    {
        public long Transactions;
        public long Rows;

        public void Add(long rows)
        {
            Interlocked.Increment(ref Transactions);
            Interlocked.Add(ref Rows, rows);
        }
    }
}
