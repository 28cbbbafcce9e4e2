using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Actors.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// <see cref="SqliteJournalWriter"/> on a real SQLite file: writes that queue while a transaction waits share the next
/// one (or go alone when batching across writes is off), and a write that conflicts with a stored row fails alone, not
/// the other entities' writes in its transaction. That the rows are the plugin's own is held by
/// <see cref="SqliteJournalReplayTests"/> (the plugin's read journal reads what this writer wrote).
/// </summary>
public sealed class SqliteJournalWriterTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    private static readonly string?[] Columns =
        ["\"created\"", "\"deleted\"", "\"persistence_id\"", "\"sequence_number\"", "\"message\"", "\"manifest\"", "\"identifier\"", "\"writer_uuid\"", null];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Writes_queued_behind_a_busy_file_share_the_next_transaction_unless_batching_is_off(bool acrossWrites)
    {
        var database = NewJournal();
        using var writer = new SqliteJournalWriter(database, "\"journal\"", Columns, maxRowsPerTransaction: 100, acrossWrites);
        var before = JournalCommits.Read(database);

        Task[] writes;
        using (var holder = Hold(database))
        {
            writes = [.. Enumerable.Range(0, 10).Select(u => writer.WriteAsync([Row($"u{u}", 1), Row($"u{u}", 2)]))];
        }

        await Task.WhenAll(writes);
        var after = JournalCommits.Read(database);
        Assert.Equal(20, after.Rows - before.Rows);
        if (acrossWrites)
        {
            // The first write may have been taken alone before the others queued; the rest wait for the lock together.
            Assert.InRange(after.Transactions - before.Transactions, 1, 2);
        }
        else
        {
            Assert.Equal(10, after.Transactions - before.Transactions);
        }

        Assert.Equal([1L, 2L], SqliteFile.JournalSequenceNrs(database, "u9"));
    }

    [Fact]
    public async Task A_write_that_conflicts_with_a_stored_row_fails_alone()
    {
        var database = NewJournal();
        using var writer = new SqliteJournalWriter(database, "\"journal\"", Columns, maxRowsPerTransaction: 100, acrossWrites: true);
        await writer.WriteAsync([Row("ann", 1)]);

        Task first, conflict, last;
        using (var holder = Hold(database))
        {
            // Queued while the file is busy: at least the conflicting write and one other share a transaction.
            first = writer.WriteAsync([Row("bob", 1)]);
            conflict = writer.WriteAsync([Row("ann", 2), Row("ann", 1)]);
            last = writer.WriteAsync([Row("carol", 1), Row("carol", 2)]);
        }

        await first;
        await last;
        var refused = await Assert.ThrowsAsync<SqliteException>(() => conflict);
        Assert.Equal(19, refused.SqliteErrorCode);
        Assert.Equal([1L], SqliteFile.JournalSequenceNrs(database, "ann"));
        Assert.Equal([1L], SqliteFile.JournalSequenceNrs(database, "bob"));
        Assert.Equal([1L, 2L], SqliteFile.JournalSequenceNrs(database, "carol"));
    }

    private static JournalWrite Row(string persistenceId, long sequenceNr) =>
        new(persistenceId, sequenceNr, DateTime.UtcNow.Ticks, [1, 2, 3], "Sample.v1", 7411, "writer");

    /// <summary>A journal table shaped as the plugin's (auto-increment ordering, unique persistence id and sequence number).</summary>
    private string NewJournal()
    {
        var database = folder.NewConnectionString($"writer-{Guid.NewGuid():N}");
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection(database);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE journal (
              ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL, deleted Bit NOT NULL,
              persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL, message BLOB NOT NULL, manifest TEXT NULL,
              identifier INTEGER NULL, writer_uuid TEXT NULL);
            CREATE UNIQUE INDEX journal_uq ON journal (persistence_id, sequence_number);
            """;
        create.ExecuteNonQuery();
        return database;
    }

    /// <summary>Takes the file's write lock until disposed, as another writer's long transaction would.</summary>
    private static IDisposable Hold(string database)
    {
        var connection = new SqliteConnection(database);
        connection.Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return new Held(connection, transaction);
    }

    private sealed class Held(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Commit();
            transaction.Dispose();
            connection.Dispose();
        }
    }
}
