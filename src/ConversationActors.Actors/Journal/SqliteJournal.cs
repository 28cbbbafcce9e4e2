using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's journal on SQLite (config/sqlite.conf), with recovery read as one streaming statement: rows are
/// deserialized and handed to the recovering entity one by one as SQLite returns them, so the entity folds while the
/// file is still being read. The stock replay reads pages of <c>replay-batch-size</c> rows, each page its own
/// transaction, materialized as a list, deserialized by a stream of its own and then emitted; the entity waited for
/// each page (issue #14, part 4; docs/decisions.md "Recovery reads one streaming statement" has the measurements).
/// Writes, deletions, the highest sequence number, the snapshot store and the read journal are the plugin's, unchanged.
/// What a replay delivers is what the stock replay delivers: the rows of the persistence id in seq order within
/// [from, to], not marked deleted, at most <c>max</c>, each as a <see cref="Persistent"/> with the same fields.
/// </summary>
public class SqliteJournal : SqlJournal
{
    private readonly string _connectionString;
    private readonly string _select;
    private readonly bool _writerUuid;

    /// <param name="config">The journal plugin's config (<c>akka.persistence.journal.sql</c>): its connection string and
    /// its table mapping's table and column names.</param>
    public SqliteJournal(Config config)
        : base(config)
    {
        _connectionString = config.GetString("connection-string");
        var mapping = config.GetConfig(config.GetString("table-mapping", "default"));
        var journal = mapping.GetConfig("journal");
        var schema = mapping.GetString("schema-name", null);
        var table = Quote(journal.GetString("table-name"));
        string Column(string name) => Quote(journal.GetString("columns." + name));
        _writerUuid = journal.GetBoolean("use-writer-uuid-column", false);
        _select =
            $"SELECT {Column("sequence-number")}, {Column("message")}, {Column("identifier")}, {Column("manifest")}, {Column("created")}, " +
            $"{(_writerUuid ? Column("writer-uuid") : "NULL")} " +
            $"FROM {(string.IsNullOrEmpty(schema) ? "" : Quote(schema) + ".")}{table} " +
            $"WHERE {Column("persistence-id")} = $id AND {Column("sequence-number")} >= $from AND {Column("sequence-number")} <= $to " +
            $"AND {Column("deleted")} = 0 ORDER BY {Column("sequence-number")} LIMIT $max";
    }

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var serialization = context.System.Serialization;

        // Off the journal actor's thread: Microsoft.Data.Sqlite reads synchronously, and writes must not wait for a replay.
        return Task.Run(() =>
        {
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _select;
            command.Parameters.AddWithValue("$id", persistenceId);
            command.Parameters.AddWithValue("$from", fromSequenceNr);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
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

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
