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
/// Akka.Persistence.Sql's journal on SQLite (config/sqlite.conf): <see cref="SqlJournal"/>'s recovery reads, with writes
/// through <see cref="SqliteJournalWriter"/> (one prepared INSERT, writes of many entities in one transaction; issue 27).
/// The rows are the plugin's, column for column (serializer id, string manifest, ticks, writer uuid), so the plugin's
/// reads, the read journal and a node of an earlier release read them as their own. Deletions and the read journal are
/// the plugin's, unchanged; the snapshot store is <see cref="SqlSnapshotStore"/>.
/// </summary>
public class SqliteJournal : SqlJournal
{
    private readonly string _defaultSerializer;
    private readonly SqliteJournalWriter _writer;

    /// <param name="config">The journal plugin's config (<c>akka.persistence.journal.sql</c>): its connection string, batch
    /// size and table mapping's table and column names.</param>
    public SqliteJournal(Config config)
        : base(config)
    {
        _defaultSerializer = Settings.DefaultSerializer;
        var c = Settings.TableConfig.EventJournalTable.ColumnNames;
        var q = SqlStatement.Quote;
        _writer = new SqliteJournalWriter(
            Settings.ConnectionString,
            TableName,
            [q(c.Created), q(c.Deleted), q(c.PersistenceId), q(c.SequenceNumber), q(c.Message), q(c.Manifest),
                q(c.Identifier), WriterUuid is not null ? q(c.WriterUuid) : null, Settings.PluginConfig.TagMode == TagMode.TagTable ? null : q(c.Tags)],
            Settings.DaoConfig.BatchSize,
            acrossWrites: Context.System.Settings.Config.GetInt("conversation-actors.sqlite.batch-across-entities", 1) == 1);
    }

    /// <summary>
    /// Serializes each write's events as the plugin does (a write whose payload cannot be serialized is rejected alone)
    /// and hands the rows to the writer; the task completes when they are durable.
    /// </summary>
    protected override Task<IImmutableList<Exception>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
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
}
