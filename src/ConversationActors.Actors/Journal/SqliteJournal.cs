using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Util;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal on SQLite (config/sqlite.conf), with its two hot paths done by one statement each.
/// Recovery is read as one streaming statement: rows are deserialized and handed to the recovering entity one by one as
/// SQLite returns them, so the entity folds while the file is still being read. The stock replay reads pages of
/// <c>replay-batch-size</c> rows, each page its own transaction, materialized as a list, deserialized by a stream of its
/// own and then emitted; the entity waited for each page (issue #14, part 4; docs/decisions.md "Recovery reads one
/// streaming statement" has the measurements); the highest sequence number is one statement too. Writes go through <see cref="SqliteJournalWriter"/> (one prepared INSERT,
/// writes of many entities in one transaction; issue 27). Deletions and the read journal are the plugin's, unchanged; the
/// snapshot store is <see cref="SqliteSnapshotStore"/>.
/// The rows are the plugin's, column for column (serializer id, string manifest, ticks, writer uuid), so the plugin's
/// reads, the read journal and a node of an earlier release read them as their own. What a replay delivers is what the
/// stock replay delivers: the rows of the persistence id in seq order within [from, to], not marked deleted, at most
/// <c>max</c>, each as a <see cref="Persistent"/> with the same fields.
/// </summary>
public class SqliteJournal : SqlJournal
{
    private readonly string _connectionString;
    private readonly string _select;
    private readonly string _highest;
    private readonly string? _writerUuid;
    private readonly string _defaultSerializer;
    private readonly SqliteJournalWriter _writer;

    /// <summary>Writes not yet answered, by persistence id: a read of the highest sequence number waits for them (as the plugin's does).</summary>
    private readonly Dictionary<string, Task> _writing = new(StringComparer.Ordinal);

    /// <param name="config">The journal plugin's config (<c>akka.persistence.journal.sql</c>): its connection string, batch
    /// size and table mapping's table and column names.</param>
    public SqliteJournal(Config config)
        : base(config)
    {
        var journal = new JournalConfig(config.WithFallback(SqlPersistence.DefaultJournalConfiguration));
        _connectionString = journal.ConnectionString;
        _defaultSerializer = journal.DefaultSerializer;
        var table = journal.TableConfig.EventJournalTable;
        var c = table.ColumnNames;
        _writerUuid = table.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null;
        var name = (string.IsNullOrEmpty(journal.TableConfig.SchemaName) ? "" : Quote(journal.TableConfig.SchemaName) + ".") + Quote(table.Name);
        _select =
            $"SELECT {Quote(c.SequenceNumber)}, {Quote(c.Message)}, {Quote(c.Identifier)}, {Quote(c.Manifest)}, {Quote(c.Created)}, " +
            $"{(_writerUuid is not null ? Quote(c.WriterUuid) : "NULL")} " +
            $"FROM {name} " +
            $"WHERE {Quote(c.PersistenceId)} = $id AND {Quote(c.SequenceNumber)} >= $from AND {Quote(c.SequenceNumber)} <= $to " +
            $"AND {Quote(c.Deleted)} = 0 ORDER BY {Quote(c.SequenceNumber)} LIMIT $max";
        _highest = $"SELECT MAX({Quote(c.SequenceNumber)}) FROM {name} WHERE {Quote(c.PersistenceId)} = $id AND {Quote(c.SequenceNumber)} > $from";
        _writer = new SqliteJournalWriter(
            _connectionString,
            name,
            [Quote(c.Created), Quote(c.Deleted), Quote(c.PersistenceId), Quote(c.SequenceNumber), Quote(c.Message), Quote(c.Manifest),
                Quote(c.Identifier), _writerUuid is not null ? Quote(c.WriterUuid) : null, journal.PluginConfig.TagMode == TagMode.TagTable ? null : Quote(c.Tags)],
            journal.DaoConfig.BatchSize,
            acrossWrites: Context.System.Settings.Config.GetInt("conversation-actors.sqlite.batch-across-entities", 1) == 1);
    }

    /// <summary>
    /// Serializes each write's events as the plugin does (a write whose payload cannot be serialized is rejected alone)
    /// and hands the rows to the writer; the task completes when they are durable.
    /// </summary>
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
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

        // An empty batch (a DeferAsync flushed alone) or nothing but rejections: nothing to write (see SqlJournal).
        var written = rows.Count == 0 ? Task.CompletedTask : _writer.WriteAsync(rows);
        if (rows.Count > 0)
        {
            var persistenceId = rows[0].PersistenceId;
            _writing[persistenceId] = written;
            var self = Self;
            written.ContinueWith(t => self.Tell(new Written(persistenceId, t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

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
            () =>
            {
                using var statement = new SqliteStatement(_connectionString, _highest, ("$id", persistenceId), ("$from", fromSequenceNr));
                return statement.Command.ExecuteScalar() is long highest ? highest : 0L;
            },
            cancellationToken);
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

    protected override void PostStop()
    {
        _writer.Dispose();
        base.PostStop();
    }

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var serialization = context.System.Serialization;

        // Off the journal actor's thread: Microsoft.Data.Sqlite reads synchronously, and writes must not wait for a replay.
        return Task.Run(() =>
        {
            using var statement = new SqliteStatement(
                _connectionString, _select, ("$id", persistenceId), ("$from", fromSequenceNr), ("$to", toSequenceNr), ("$max", max));
            using var reader = statement.Command.ExecuteReader();
            while (reader.Read())
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
            bytes, manifest, serializer.Identifier, _writerUuid);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>The writer finished <paramref name="Task"/>, the latest write of <paramref name="PersistenceId"/> when it was sent.</summary>
    private sealed record Written(string PersistenceId, Task Task);
}
