using System.Collections.Immutable;
using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal;
using Akka.Util;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal on SQLite (config/sqlite.conf) and PostgreSQL (config/postgres.conf), with the writes
/// and the reads every recovery makes done by statements of its own (issue 27), and a write batch with no events
/// answered without a store (issue 26). The rows are the plugin's, column for column (serializer id, string manifest,
/// ticks, writer uuid), so the plugin's reads, the read journal and a node of an earlier release read them as their own.
/// <list type="bullet">
/// <item>Writes: each write's events are serialized as the plugin serializes them (a write whose payload cannot be
/// serialized is rejected alone) and handed to <see cref="SqlJournalWriter"/>: one prepared INSERT, the writes of many
/// entities in one transaction.</item>
/// <item>Replay is one streaming statement: rows are deserialized and handed to the recovering entity as the store
/// returns them, so the entity folds while the rows are still being read. The stock replay reads pages of
/// <c>replay-batch-size</c> rows, each a linq2db query in a transaction of its own, materialized and deserialized by a
/// stream of its own (issue #14, part 4; docs/decisions.md "Recovery reads one streaming statement").</item>
/// <item>The highest sequence number is one statement, after this journal's write of the entity in flight, if any, is
/// answered (as the plugin's read waits for it).</item>
/// <item>An empty batch: Akka sends a <c>DeferAsync</c> made while a write is in flight (an entity answering a retry
/// that races its first attempt) through the journal; flushed alone it is a batch with no <see cref="AtomicWrite"/>,
/// and the plugin's write failed on it ("Sequence contains no elements", akka.net #6355). The failure counted on the
/// journal's circuit breaker: a few such retries opened it, and every write and recovery on the node failed fast as if
/// the store were down.</item>
/// </list>
/// What a replay delivers is what the stock replay delivers: the rows of the persistence id in seq order within
/// [from, to], not marked deleted, at most <c>max</c>, each as a <see cref="Persistent"/> with the same fields. Deletions
/// and the read journal are the plugin's, unchanged.
/// </summary>
public class SqlJournal : SqlWriteJournal
{
    private static readonly Task<IImmutableList<Exception>> NothingWritten = Task.FromResult<IImmutableList<Exception>>(null!);

    private readonly DbProviderFactory _provider;
    private readonly string _replay;
    private readonly string _highest;
    private readonly string _defaultSerializer;
    private readonly SqlJournalWriter _writer;

    /// <summary>Writes not yet answered, by persistence id: a read of the highest sequence number waits for them.</summary>
    private readonly Dictionary<string, Task> _writing = new(StringComparer.Ordinal);

    /// <param name="config">The journal plugin's config (<c>akka.persistence.journal.sql</c>): its provider, connection
    /// string and table mapping's table and column names.</param>
    public SqlJournal(Config config)
        : base(config)
    {
        Settings = new JournalConfig(config.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        _provider = SqlStatement.ProviderOf(config);
        var table = Settings.TableConfig.EventJournalTable;
        var c = table.ColumnNames;
        TableName = SqlStatement.Table(Settings.TableConfig.SchemaName, table.Name);
        WriterUuid = table.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null;
        var q = SqlStatement.Quote;
        _replay =
            $"SELECT {q(c.SequenceNumber)}, {q(c.Message)}, {q(c.Identifier)}, {q(c.Manifest)}, {q(c.Created)}, " +
            $"{(WriterUuid is not null ? q(c.WriterUuid) : "NULL")} " +
            $"FROM {TableName} " +
            $"WHERE {q(c.PersistenceId)} = @id AND {q(c.SequenceNumber)} >= @from AND {q(c.SequenceNumber)} <= @to " +
            $"AND NOT {q(c.Deleted)} ORDER BY {q(c.SequenceNumber)} LIMIT @max";
        _highest = $"SELECT MAX({q(c.SequenceNumber)}) FROM {TableName} WHERE {q(c.PersistenceId)} = @id AND {q(c.SequenceNumber)} > @from";
        _defaultSerializer = Settings.DefaultSerializer;

        // sqlite.batch-across-entities = 0 is SQLite's before row in the bench; PostgreSQL always shares transactions.
        var acrossWrites = _provider != Microsoft.Data.Sqlite.SqliteFactory.Instance
            || Context.System.Settings.Config.GetInt("conversation-actors.sqlite.batch-across-entities", 1) == 1;
        _writer = new SqlJournalWriter(
            _provider,
            Settings.ConnectionString,
            TableName,
            [q(c.Created), q(c.Deleted), q(c.PersistenceId), q(c.SequenceNumber), q(c.Message), q(c.Manifest),
                q(c.Identifier), WriterUuid is not null ? q(c.WriterUuid) : null, Settings.PluginConfig.TagMode == TagMode.TagTable ? null : q(c.Tags)],
            Settings.DaoConfig.BatchSize,
            acrossWrites);
    }

    /// <summary>The plugin's journal settings, read from this journal's config.</summary>
    protected JournalConfig Settings { get; }

    /// <summary>The journal table's name, quoted (with its schema).</summary>
    protected string TableName { get; }

    /// <summary>This journal's writer uuid (the plugin writes one per journal instance), or null when the table has no such column.</summary>
    protected string? WriterUuid { get; }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        if (writes.Count == 0)
        {
            return NothingWritten;
        }

        // Akka sends one entity's writes per call.
        var written = WriteAsync(writes);
        var persistenceId = writes[0].PersistenceId;
        _writing[persistenceId] = written;
        var self = Self;
        written.ContinueWith(t => self.Tell(new Written(persistenceId, t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return written;
    }

    /// <summary>
    /// Writes one entity's non-empty batch through <see cref="SqlJournalWriter"/>; the task completes when it is durable.
    /// Each write's events are serialized as the plugin serializes them, and a write whose payload cannot be serialized is
    /// rejected alone (its exception in the answer's list), as the plugin does.
    /// </summary>
    private Task<IImmutableList<Exception>> WriteAsync(IReadOnlyList<AtomicWrite> writes)
    {
        var created = DateTime.UtcNow.Ticks;
        var rows = new List<JournalWrite>();
        Exception?[]? rejections = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var first = rows.Count;
            try
            {
                foreach (var representation in (IImmutableList<IPersistentRepresentation>)writes[i].Payload)
                {
                    rows.Add(Serialize(representation, created));
                }
            }
            catch (Exception e)
            {
                rows.RemoveRange(first, rows.Count - first);
                (rejections ??= new Exception?[writes.Count])[i] = e;
            }
        }

        // Nothing but rejections: nothing to write.
        var written = rows.Count == 0 ? Task.CompletedTask : _writer.WriteAsync(rows);
        IImmutableList<Exception> answer = rejections?.ToImmutableList()!;
        return written.ContinueWith(
            t =>
            {
                t.GetAwaiter().GetResult();
                return answer;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    protected override void PostStop()
    {
        _writer.Dispose();
        base.PostStop();
    }

    /// <summary>One event as the plugin's <c>ByteArrayJournalSerializer</c> writes it.</summary>
    private JournalWrite Serialize(IPersistentRepresentation representation, long created)
    {
        var payload = representation.Payload;
        var serialization = Context.System.Serialization;
        var serializer = serialization.FindSerializerForType(payload.GetType(), _defaultSerializer);
        var manifest = serializer switch
        {
            Akka.Serialization.SerializerWithStringManifest strings => strings.Manifest(payload),
            { IncludeManifest: true } => payload.GetType().TypeQualifiedName(),
            _ => string.Empty,
        };
        var bytes = Akka.Serialization.Serialization.WithTransport(serialization.System, (serializer, payload), static s => s.serializer.ToBinary(s.payload));
        return new JournalWrite(
            representation.PersistenceId, representation.SequenceNr, representation.Timestamp == 0 ? created : representation.Timestamp,
            bytes, manifest, serializer.Identifier, WriterUuid);
    }

    /// <summary>
    /// Waits for this journal's unanswered write of the entity (failed or not), then reads the highest sequence number
    /// above <paramref name="fromSequenceNr"/> with one statement (0 when there is none; rows marked deleted count), as
    /// the plugin's native-mode query does, without building a linq2db query and a transaction per recovery.
    /// </summary>
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (_writing.TryGetValue(persistenceId, out var pending))
        {
            await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return await Task.Run(
            async () =>
            {
                await using var statement = await SqlStatement.OpenAsync(
                    _provider, Settings.ConnectionString, _highest, cancellationToken, ("@id", persistenceId), ("@from", fromSequenceNr));
                return await statement.Command.ExecuteScalarAsync(cancellationToken) is long highest ? highest : 0L;
            },
            cancellationToken);
    }

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var serialization = context.System.Serialization;

        // Off the journal actor's thread: Microsoft.Data.Sqlite reads synchronously, and writes must not wait for a replay.
        return Task.Run(async () =>
        {
            await using var statement = await SqlStatement.OpenAsync(
                _provider, Settings.ConnectionString, _replay, CancellationToken.None,
                ("@id", persistenceId), ("@from", fromSequenceNr), ("@to", toSequenceNr), ("@max", max));
            await using var reader = await statement.Command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var manifest = reader.IsDBNull(3) ? null : reader.GetString(3);
                var payload = reader.IsDBNull(2)
                    ? throw new InvalidOperationException($"Event {reader.GetInt64(0)} of {persistenceId} has no serializer identifier; this journal reads only rows written with one")
                    : serialization.Deserialize((byte[])reader.GetValue(1), reader.GetInt32(2), manifest);
                recoveryCallback(new Persistent(
                    payload, reader.GetInt64(0), persistenceId, manifest, isDeleted: false, ActorRefs.NoSender,
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt64(4)));
            }
        });
    }

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is Written written)
        {
            if (_writing.TryGetValue(written.PersistenceId, out var latest) && latest == written.Task)
            {
                _writing.Remove(written.PersistenceId);
            }

            return true;
        }

        return base.ReceivePluginInternal(message);
    }

    /// <summary>The write <paramref name="Task"/> of <paramref name="PersistenceId"/> was answered.</summary>
    private sealed record Written(string PersistenceId, Task Task);
}
