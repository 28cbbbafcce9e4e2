using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LinqToDB.Data;

namespace ConversationActors.Actors.Telemetry;

/// <summary>
/// Issue #13: counts the journal's write transactions and the event rows they commit, so the bench and the tests can
/// see events per journal transaction (does the write pipeline form batches?). It hooks linq2db's trace, which
/// Akka.Persistence.Sql runs every statement through: an <c>INSERT INTO … journal</c> adds its affected rows to its
/// connection's open transaction; a commit with such rows counts one write transaction. Reads, snapshot writes and
/// rolled-back transactions are not counted. The trace is off until <see cref="Install"/> (it costs an object per
/// statement); the bench's server and tests install it, a production node does not. The SQLite journal writes through
/// its own statement (<see cref="Journal.SqliteJournalWriter"/>), which reports each commit to <see cref="Committed"/>
/// itself, installed or not (two counter updates per transaction).
/// </summary>
public static class JournalCommits
{
    private static readonly ConditionalWeakTable<DataConnection, Pending> Open = [];
    private static readonly ConcurrentDictionary<string, Counts> ByConnectionString = new(StringComparer.Ordinal);
    private static readonly Counts All = new();
    private static int _installed;

    /// <summary>Journal write transactions committed and the event rows in them since <see cref="Install"/>: all, or those on one connection string.</summary>
    public static (long Transactions, long Rows) Read(string? connectionString = null) =>
        (connectionString is null ? All : ByConnectionString.GetValueOrDefault(connectionString)) is { } c
            ? (Interlocked.Read(ref c.Transactions), Interlocked.Read(ref c.Rows))
            : (0, 0);

    /// <summary>Turns linq2db's trace on (level Info: one call per statement and per transaction step) and starts counting. Idempotent.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        DataConnection.TurnTraceSwitchOn(TraceLevel.Info);
        DataConnection.DefaultOnTraceConnection = OnTrace;
    }

    /// <summary>Counts one committed journal write transaction of <paramref name="rows"/> event rows on <paramref name="connectionString"/>.</summary>
    public static void Committed(string? connectionString, long rows)
    {
        All.Add(rows);
        if (connectionString is not null)
        {
            ByConnectionString.GetOrAdd(connectionString, _ => new Counts()).Add(rows);
        }
    }

    private static void OnTrace(TraceInfo info)
    {
        if (info.TraceInfoStep != TraceInfoStep.AfterExecute)
        {
            return;
        }

        switch (info.Operation)
        {
            case TraceOperation.ExecuteNonQuery when IsJournalInsert(info.Command?.CommandText):
                var pending = Open.GetOrCreateValue(info.DataConnection);
                pending.Rows += Math.Max(0, info.RecordsAffected ?? 0);
                pending.ConnectionString ??= info.Command?.Connection?.ConnectionString;
                break;
            case TraceOperation.CommitTransaction when Open.TryGetValue(info.DataConnection, out var written) && written.Rows > 0:
                Committed(written.ConnectionString, written.Rows);
                written.Rows = 0;
                break;
            case TraceOperation.RollbackTransaction when Open.TryGetValue(info.DataConnection, out var rolledBack):
                rolledBack.Rows = 0;
                break;
        }
    }

    /// <summary>
    /// An INSERT into the journal table (not its tags table), judged from the statement's head only: a batch's SQL
    /// carries every payload as text, and scanning it all twice per statement was the hottest method of the write path
    /// in a profile (issue 27).
    /// </summary>
    private static bool IsJournalInsert(string? sql)
    {
        if (sql is null)
        {
            return false;
        }

        var head = sql.AsSpan().TrimStart();
        head = head[..Math.Min(head.Length, 128)];
        return head.StartsWith("INSERT INTO", StringComparison.OrdinalIgnoreCase)
            && head.Contains("journal", StringComparison.OrdinalIgnoreCase)
            && !head.Contains("tags", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The journal rows a connection's open transaction has inserted, and the connection's connection string.</summary>
    private sealed class Pending
    {
        public long Rows;
        public string? ConnectionString;
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
