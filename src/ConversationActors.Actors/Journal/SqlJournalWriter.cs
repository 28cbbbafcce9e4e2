using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using ConversationActors.Actors.Telemetry;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// One serialized journal row, in the columns and encoding Akka.Persistence.Sql writes (<c>ByteArrayJournalSerializer</c>):
/// <paramref name="Created"/> in ticks (UTC), <paramref name="Message"/> the serializer's bytes, <paramref name="Manifest"/>
/// its string manifest (empty when it has none), <paramref name="Identifier"/> the serializer's id.
/// </summary>
public sealed record JournalWrite(string PersistenceId, long SequenceNr, long Created, byte[] Message, string Manifest, int Identifier, string? WriterUuid);

/// <summary>
/// The journal's writes on both stores (issue 27): one connection and one parameterized <c>INSERT</c> per row, the rows of
/// writes that arrive while a commit runs gathered into the next transaction (up to <paramref name="maxRowsPerTransaction"/>,
/// the plugin's <c>batch-size</c>). On SQLite the statement is prepared once and run per row (the engine is in the
/// process, so a statement costs no round trip); on PostgreSQL a transaction's rows go as one ADO.NET batch of the
/// prepared statement, one round trip (<see cref="DbConnection.CanCreateBatch"/>).
/// Akka.Persistence.Sql wrote the same rows through linq2db as one multi-row statement with a new SQL text per batch: on
/// SQLite with every payload inlined as a hex literal (over 85 KB, on the large-object heap, parsed again each time; 8–12 %
/// of the process's CPU in a profile of spread ingest), on PostgreSQL as a linq2db query built per batch
/// (docs/decisions.md "The journal writes through one prepared statement on both stores").
/// A write (the rows of one <c>AtomicWrite</c>) is acknowledged only after the transaction holding it commits. When a
/// shared transaction fails on a unique constraint (a row that exists already: two incarnations of one entity writing),
/// each write is tried again in a transaction of its own, so only the conflicting entity's write fails, not its
/// neighbours'. Any other failure (disk full, I/O, a lost connection) fails every write of the transaction, and the next
/// transaction opens a new connection.
/// </summary>
public sealed class SqlJournalWriter : IDisposable
{
    /// <summary>The parameters of <see cref="JournalWrite"/>'s fields, in <see cref="Bind"/>'s order.</summary>
    private static readonly (string Name, DbType Type)[] Parameters =
    [
        ("@created", DbType.Int64), ("@persistence_id", DbType.String), ("@sequence_nr", DbType.Int64), ("@message", DbType.Binary),
        ("@manifest", DbType.String), ("@identifier", DbType.Int32), ("@writer_uuid", DbType.String),
    ];

    private readonly DbProviderFactory _provider;
    private readonly string _connectionString;
    private readonly string _insertSql;
    private readonly int _parameterCount;
    private readonly int _maxRowsPerTransaction;
    private readonly bool _acrossWrites;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private int _draining;
    private volatile bool _disposed;
    private DbConnection? _connection;
    private DbCommand? _prepared;

    /// <param name="provider">The store's ADO.NET provider (<see cref="SqlStatement.ProviderOf"/>).</param>
    /// <param name="connectionString">The journal's connection string.</param>
    /// <param name="table">The journal table's (quoted) name, with its schema if any.</param>
    /// <param name="columns">The (quoted) column names, in <see cref="JournalWrite"/>'s order: created, deleted, persistence
    /// id, sequence number, message, manifest, identifier, writer uuid (null: not written); then any tags column (written
    /// empty: this service never tags events).</param>
    /// <param name="maxRowsPerTransaction">The most rows one transaction takes (a single larger write still goes whole).</param>
    /// <param name="acrossWrites">False: every write in a transaction of its own (<c>sqlite.batch-across-entities = 0</c>,
    /// kept to measure the difference).</param>
    public SqlJournalWriter(DbProviderFactory provider, string connectionString, string table, IReadOnlyList<string?> columns, int maxRowsPerTransaction, bool acrossWrites)
    {
        _provider = provider;
        _connectionString = connectionString;
        _maxRowsPerTransaction = Math.Max(1, maxRowsPerTransaction);
        _acrossWrites = acrossWrites;

        // `false` is a boolean literal in PostgreSQL and 0 in SQLite (since 3.23): the plugin's deleted flag on both.
        string[] values = ["@created", "false", "@persistence_id", "@sequence_nr", "@message", "@manifest", "@identifier", "@writer_uuid", "''"];
        var written = columns.Select((c, i) => (Column: c, Value: values[i])).Where(c => c.Column is not null).ToList();
        _parameterCount = columns.Count > 7 && columns[7] is not null ? Parameters.Length : Parameters.Length - 1;
        _insertSql = $"INSERT INTO {table} ({string.Join(", ", written.Select(c => c.Column))}) VALUES ({string.Join(", ", written.Select(c => c.Value))})";
    }

    /// <summary>Writes <paramref name="rows"/> in one transaction (maybe with other writes' rows); completes when they are durable.</summary>
    public Task WriteAsync(IReadOnlyList<JournalWrite> rows)
    {
        if (_disposed)
        {
            return Task.FromException(new ObjectDisposedException(nameof(SqlJournalWriter)));
        }

        var pending = new Pending(rows);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static writer => _ = writer.DrainAsync(), this, preferLocal: false);
        }

        return pending.Done.Task;
    }

    /// <summary>
    /// Closes the connection, at once when no transaction runs, else when the one running ends; what is still queued then
    /// fails. Called on the journal actor's thread, which is also the only caller of <see cref="WriteAsync"/>.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // No drainer runs, and none starts again (draining stays taken).
            Close();
        }
    }

    /// <summary>One drainer at a time: takes what is queued, a transaction's worth at a time, until the queue is empty.</summary>
    private async Task DrainAsync()
    {
        var batch = new List<Pending>();
        while (true)
        {
            if (_disposed)
            {
                Close();
                return;
            }

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
                // Released, then taken back if a write or a Dispose came in between (the loop's top closes after a Dispose).
                Volatile.Write(ref _draining, 0);
                if ((_queue.IsEmpty && !_disposed) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            await CommitAsync(batch);

            // Answered on this thread: the journal's continuations only tell actors, and running them inline spares each
            // write a thread-pool hop.
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

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await InsertAsync(batch);
        }
        catch (DbException e) when (SqlStatement.IsUniqueViolation(e) && batch.Count > 1)
        {
            foreach (var alone in batch)
            {
                await CommitAsync([alone]);
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

    private async Task InsertAsync(List<Pending> batch)
    {
        var connection = _connection ?? await OpenAsync();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var rows = 0L;
            if (_prepared is { } insert)
            {
                insert.Transaction = transaction;
                foreach (var pending in batch)
                {
                    foreach (var row in pending.Rows)
                    {
                        Bind(insert.Parameters, row);
                        insert.ExecuteNonQuery();
                        rows++;
                    }
                }
            }
            else
            {
                await using var statements = connection.CreateBatch();
                statements.Transaction = transaction;
                foreach (var pending in batch)
                {
                    foreach (var row in pending.Rows)
                    {
                        var statement = statements.CreateBatchCommand();
                        statement.CommandText = _insertSql;
                        AddParameters(statement.Parameters, statement.CreateParameter);
                        Bind(statement.Parameters, row);
                        statements.BatchCommands.Add(statement);
                        rows++;
                    }
                }

                // Prepared on the connection the first time; later batches of the same text reuse it.
                await statements.PrepareAsync();
                await statements.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            JournalCommits.Committed(_connectionString, rows);
        }
        catch (DbException e) when (SqlStatement.IsUniqueViolation(e))
        {
            throw;
        }
        catch
        {
            // The connection may be what failed (the file went away, the server restarted): the next transaction opens a new one.
            Close();
            throw;
        }
    }

    private void Bind(DbParameterCollection parameters, JournalWrite row)
    {
        parameters[0].Value = row.Created;
        parameters[1].Value = row.PersistenceId;
        parameters[2].Value = row.SequenceNr;
        parameters[3].Value = row.Message;
        parameters[4].Value = row.Manifest;
        parameters[5].Value = row.Identifier;
        if (_parameterCount > 6)
        {
            parameters[6].Value = (object?)row.WriterUuid ?? DBNull.Value;
        }
    }

    private void AddParameters(DbParameterCollection parameters, Func<DbParameter> create)
    {
        foreach (var (name, type) in Parameters.AsSpan(0, _parameterCount))
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameters.Add(parameter);
        }
    }

    private async Task<DbConnection> OpenAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _provider.CreateConnection() ?? throw new InvalidOperationException($"{_provider.GetType().Name} made no connection");
        try
        {
            connection.ConnectionString = _connectionString;
            await connection.OpenAsync();
            if (!connection.CanCreateBatch)
            {
                var insert = connection.CreateCommand();
                insert.CommandText = _insertSql;
                AddParameters(insert.Parameters, insert.CreateParameter);
                insert.Prepare();
                _prepared = insert;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return _connection = connection;
    }

    private void Close()
    {
        _prepared?.Dispose();
        _prepared = null;
        _connection?.Dispose();
        _connection = null;
        while (_disposed && _queue.TryDequeue(out var pending))
        {
            pending.Done.TrySetException(new ObjectDisposedException(nameof(SqlJournalWriter)));
        }
    }

    private sealed class Pending(IReadOnlyList<JournalWrite> rows)
    {
        public IReadOnlyList<JournalWrite> Rows { get; } = rows;

        public TaskCompletionSource Done { get; } = new();

        /// <summary>Why the write failed (null: it committed); set by the drainer, answered after the transaction.</summary>
        public Exception? Failure { get; set; }
    }
}
