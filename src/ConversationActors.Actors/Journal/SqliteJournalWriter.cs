using System.Collections.Concurrent;
using ConversationActors.Actors.Telemetry;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// One serialized journal row, in the columns and encoding Akka.Persistence.Sql writes (<c>ByteArrayJournalSerializer</c>):
/// <paramref name="Created"/> in ticks (UTC), <paramref name="Message"/> the serializer's bytes, <paramref name="Manifest"/>
/// its string manifest (empty when it has none), <paramref name="Identifier"/> the serializer's id.
/// </summary>
public sealed record JournalWrite(string PersistenceId, long SequenceNr, long Created, byte[] Message, string Manifest, int Identifier, string? WriterUuid);

/// <summary>
/// The SQLite journal's writes (issue 27): one connection and one prepared, parameterized <c>INSERT</c> reused for every
/// row, the rows of writes that arrive while a commit runs gathered into the next transaction (up to
/// <paramref name="maxRowsPerTransaction"/>, the plugin's <c>batch-size</c>). Akka.Persistence.Sql wrote the same rows as
/// one multi-row statement with every payload inlined as a hex literal: a new SQL text per batch (over 85 KB, so on the
/// large-object heap, which triggered a gen-2 collection about every second) that SQLite parsed again each time; a profile
/// of spread ingest put that path at 8–12 % of the process's CPU (docs/decisions.md "The SQLite journal writes through one
/// prepared statement").
/// A write (the rows of one <c>AtomicWrite</c>) is acknowledged only after the transaction holding it commits. When a
/// shared transaction fails on a constraint (a row that exists already: two incarnations of one entity writing), each
/// write is tried again in a transaction of its own, so only the conflicting entity's write fails, not its neighbours'.
/// Any other failure (disk full, I/O) fails every write of the transaction.
/// </summary>
public sealed class SqliteJournalWriter : IDisposable
{
    private const int SqliteConstraint = 19;

    private readonly string _connectionString;
    private readonly string _insertSql;
    private readonly int _maxRowsPerTransaction;
    private readonly bool _acrossWrites;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _draining;
    private bool _disposed;
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;

    /// <param name="connectionString">The journal's SQLite connection string.</param>
    /// <param name="table">The journal table's (quoted) name, with its schema if any.</param>
    /// <param name="columns">The (quoted) column names, in <see cref="JournalWrite"/>'s order: created, deleted, persistence
    /// id, sequence number, message, manifest, identifier, writer uuid (null: not written); then any tags column (written
    /// empty: this service never tags events).</param>
    /// <param name="maxRowsPerTransaction">The most rows one transaction takes (a single larger write still goes whole).</param>
    /// <param name="acrossWrites">False: every write in a transaction of its own (<c>sqlite.batch-across-entities = 0</c>,
    /// kept to measure the difference).</param>
    public SqliteJournalWriter(string connectionString, string table, IReadOnlyList<string?> columns, int maxRowsPerTransaction, bool acrossWrites)
    {
        _connectionString = connectionString;
        _maxRowsPerTransaction = Math.Max(1, maxRowsPerTransaction);
        _acrossWrites = acrossWrites;
        string[] parameters = ["$created", "0", "$persistence_id", "$sequence_nr", "$message", "$manifest", "$identifier", "$writer_uuid", "''"];
        var written = columns.Select((c, i) => (Column: c, Value: parameters[i])).Where(c => c.Column is not null).ToList();
        _insertSql = $"INSERT INTO {table} ({string.Join(", ", written.Select(c => c.Column))}) VALUES ({string.Join(", ", written.Select(c => c.Value))})";
    }

    /// <summary>Writes <paramref name="rows"/> in one transaction (maybe with other writes' rows); completes when they are durable.</summary>
    public Task WriteAsync(IReadOnlyList<JournalWrite> rows)
    {
        var pending = new Pending(rows);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.Drain(), this, preferLocal: false);
        }

        return pending.Done.Task;
    }

    /// <summary>Fails what is still queued and closes the connection.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            _disposed = true;
            CloseConnection();
        }

        while (_queue.TryDequeue(out var pending))
        {
            pending.Done.TrySetException(new ObjectDisposedException(nameof(SqliteJournalWriter)));
        }
    }

    /// <summary>One drainer at a time: takes what is queued, a transaction's worth at a time, until the queue is empty.</summary>
    private void Drain()
    {
        var batch = new List<Pending>();
        while (true)
        {
            var rows = 0;
            while (_queue.TryPeek(out var next)
                && (batch.Count == 0 || (_acrossWrites && rows + next.Rows.Count <= _maxRowsPerTransaction))
                && _queue.TryDequeue(out next))
            {
                batch.Add(next);
                rows += next.Rows.Count;
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _draining, 0);
                if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            lock (_queue)
            {
                Commit(batch);
            }

            // Answered here, outside the lock and on this thread: the journal's continuations only tell actors, and
            // running them inline spares each write a thread-pool hop.
            foreach (var pending in batch)
            {
                if (pending.Failure is { } failure)
                {
                    pending.Done.TrySetException(failure);
                }
                else
                {
                    pending.Done.TrySetResult();
                }
            }

            batch.Clear();
        }
    }

    private void Commit(List<Pending> batch)
    {
        try
        {
            Insert(batch);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint && batch.Count > 1)
        {
            foreach (var alone in batch)
            {
                Commit([alone]);
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Failure = e;
            }
        }
    }

    private void Insert(List<Pending> batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var insert = _insert ?? Open();
        try
        {
            using var transaction = _connection!.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            var rows = 0L;
            foreach (var pending in batch)
            {
                foreach (var row in pending.Rows)
                {
                    Bind(insert, row);
                    insert.ExecuteNonQuery();
                    rows++;
                }
            }

            transaction.Commit();
            JournalCommits.Committed(_connectionString, rows);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw;
        }
        catch
        {
            // The connection may be what failed (the file went away, I/O): the next transaction opens a new one.
            CloseConnection();
            throw;
        }
    }

    private static void Bind(SqliteCommand insert, JournalWrite row)
    {
        var p = insert.Parameters;
        p[0].Value = row.Created;
        p[1].Value = row.PersistenceId;
        p[2].Value = row.SequenceNr;
        p[3].Value = row.Message;
        p[4].Value = row.Manifest;
        p[5].Value = row.Identifier;
        p[6].Value = (object?)row.WriterUuid ?? DBNull.Value;
    }

    private SqliteCommand Open()
    {
        _connection = new SqliteConnection(_connectionString);
        _connection.Open();
        _insert = _connection.CreateCommand();
        _insert.CommandText = _insertSql;
        _insert.Parameters.Add("$created", SqliteType.Integer);
        _insert.Parameters.Add("$persistence_id", SqliteType.Text);
        _insert.Parameters.Add("$sequence_nr", SqliteType.Integer);
        _insert.Parameters.Add("$message", SqliteType.Blob);
        _insert.Parameters.Add("$manifest", SqliteType.Text);
        _insert.Parameters.Add("$identifier", SqliteType.Integer);
        _insert.Parameters.Add("$writer_uuid", SqliteType.Text);
        _insert.Prepare();
        return _insert;
    }

    private void CloseConnection()
    {
        _insert?.Dispose();
        _insert = null;
        _connection?.Dispose();
        _connection = null;
    }

    private sealed class Pending(IReadOnlyList<JournalWrite> rows)
    {
        public IReadOnlyList<JournalWrite> Rows { get; } = rows;

        public TaskCompletionSource Done { get; } = new();

        /// <summary>Why the write failed (null: it committed); set under the lock, answered after it.</summary>
        public Exception? Failure { get; set; }
    }
}
