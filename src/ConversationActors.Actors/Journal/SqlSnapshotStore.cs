using System.Data.Common;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// Akka.Persistence.Sql's snapshot store on SQLite and PostgreSQL (config/sqlite.conf, config/postgres.conf), with the
/// load every recovery makes — the latest snapshot of a persistence id — read by one statement
/// (<see cref="SqlStatement"/>) instead of a linq2db query built and run in a transaction of its own (a profile of
/// spread ingest on SQLite, where one message in ten starts an entity, put that path at ~4 % of the CPU; issue 27). The
/// row is decoded as the plugin decodes it (serializer id and manifest; created in ticks). Loads with other criteria
/// (time travel, change-feed resumes), saves and deletions are the plugin's, unchanged.
/// </summary>
public class SqlSnapshotStore : Akka.Persistence.Sql.Snapshot.SqlSnapshotStore
{
    private readonly DbProviderFactory _provider;
    private readonly string _connectionString;
    private readonly string _latest;
    private readonly Akka.Serialization.Serialization _serialization;

    /// <param name="config">The snapshot store's config (<c>akka.persistence.snapshot-store.sql</c>).</param>
    public SqlSnapshotStore(Config config)
        : base(config)
    {
        var settings = new SnapshotConfig(config.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));
        _provider = SqlStatement.ProviderOf(config);
        _connectionString = settings.ConnectionString;
        _serialization = Context.System.Serialization;
        var table = settings.TableConfig.SnapshotTable;
        var c = table.ColumnNames;
        var q = SqlStatement.Quote;
        _latest =
            $"SELECT {q(c.SequenceNumber)}, {q(c.Created)}, {q(c.Snapshot)}, {q(c.Manifest)}, {q(c.SerializerId)} " +
            $"FROM {SqlStatement.Table(settings.TableConfig.SchemaName, table.Name)} " +
            $"WHERE {q(c.PersistenceId)} = @id ORDER BY {q(c.SequenceNumber)} DESC LIMIT 1";
    }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken) =>
        criteria.MaxSequenceNr == long.MaxValue && criteria.MaxTimeStamp == DateTime.MaxValue
            ? Task.Run(() => LatestAsync(persistenceId, cancellationToken), cancellationToken)
            : base.LoadAsync(persistenceId, criteria, cancellationToken);

    private async Task<SelectedSnapshot?> LatestAsync(string persistenceId, CancellationToken cancellationToken)
    {
        await using var statement = await SqlStatement.OpenAsync(_provider, _connectionString, _latest, cancellationToken, ("@id", persistenceId));
        await using var reader = await statement.Command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var manifest = reader.IsDBNull(3) ? string.Empty : reader.GetString(3);
        var snapshot = reader.IsDBNull(4)
            ? throw new InvalidOperationException($"The snapshot {reader.GetInt64(0)} of {persistenceId} has no serializer id; this store reads only snapshots written with one")
            : _serialization.Deserialize((byte[])reader.GetValue(2), reader.GetInt32(4), manifest);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1))), snapshot);
    }
}
