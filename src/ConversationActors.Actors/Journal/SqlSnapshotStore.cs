using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Snapshot;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's snapshot store on SQLite (config/sqlite.conf), with the load every recovery makes — the latest
/// snapshot of a persistence id — read by one statement instead of a linq2db query built and run in a transaction of
/// its own (a profile of spread ingest, where one message in ten starts an entity, put that path at ~4 % of the CPU;
/// issue 27). The row is decoded as the plugin decodes it (serializer id and manifest; created in ticks). Loads with
/// other criteria (time travel, change-feed resumes), saves and deletions are the plugin's, unchanged.
/// </summary>
public class SqliteSnapshotStore : SqlSnapshotStore
{
    private readonly string _connectionString;
    private readonly string _latest;
    private readonly Akka.Serialization.Serialization _serialization;

    /// <param name="config">The snapshot store's config (<c>akka.persistence.snapshot-store.sql</c>).</param>
    public SqliteSnapshotStore(Config config)
        : base(config)
    {
        var settings = new SnapshotConfig(config.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));
        _connectionString = settings.ConnectionString;
        _serialization = Context.System.Serialization;
        var table = settings.TableConfig.SnapshotTable;
        var c = table.ColumnNames;
        var schema = settings.TableConfig.SchemaName;
        _latest =
            $"SELECT {Quote(c.SequenceNumber)}, {Quote(c.Created)}, {Quote(c.Snapshot)}, {Quote(c.Manifest)}, {Quote(c.SerializerId)} " +
            $"FROM {(string.IsNullOrEmpty(schema) ? "" : Quote(schema) + ".")}{Quote(table.Name)} " +
            $"WHERE {Quote(c.PersistenceId)} = $id ORDER BY {Quote(c.SequenceNumber)} DESC LIMIT 1";
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        criteria.MaxSequenceNr == long.MaxValue && criteria.MaxTimeStamp == DateTime.MaxValue
            ? Task.Run(() => Latest(persistenceId), cancellationToken)
            : base.LoadAsync(persistenceId, criteria, cancellationToken);

    private SelectedSnapshot? Latest(string persistenceId)
    {
        using var statement = new SqliteStatement(_connectionString, _latest, ("$id", persistenceId));
        using var reader = statement.Command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var manifest = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
        var snapshot = reader.IsDBNull(4)
            ? throw new InvalidOperationException($"The snapshot {reader.GetInt64(0)} of {persistenceId} has no serializer id; this store reads only snapshots written with one")
            : _serialization.Deserialize((byte[])reader.GetValue(2), reader.GetInt32(4), manifest);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1))), snapshot);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
