using ConversationActors.Actors.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// <see cref="Journal.SqlJournalWriter"/> on a real SQLite file (<see cref="JournalWriterStory"/>; the cluster tests tell
/// the same story on PostgreSQL).
/// </summary>
public sealed class JournalWriterTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task Writes_queued_behind_a_busy_file_share_the_next_transaction_unless_batching_is_off(bool acrossWrites) =>
        JournalWriterStory.QueuedWritesShareTheNextTransactionAsync(NewJournal(), acrossWrites);

    [Fact]
    public Task A_write_that_conflicts_with_a_stored_row_fails_alone() => JournalWriterStory.AConflictingWriteFailsAloneAsync(NewJournal());

    [Fact]
    public Task A_write_after_the_writer_is_disposed_fails_at_once() => JournalWriterStory.AWriteAfterDisposeFailsAsync(NewJournal());

    /// <summary>A journal table in a file of its own; its write lock is the file's (SQLite's BEGIN IMMEDIATE takes it).</summary>
    private JournalTable NewJournal()
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

        // BeginTransaction on Microsoft.Data.Sqlite is BEGIN IMMEDIATE: the lock is taken by the transaction itself.
        return new JournalTable(SqliteFactory.Instance, database, "\"journal\"", LockSql: "SELECT 1");
    }
}
