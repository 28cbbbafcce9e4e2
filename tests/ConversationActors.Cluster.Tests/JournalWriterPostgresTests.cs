using ConversationActors.Actors.Tests.Support;
using ConversationActors.Cluster.Tests.Support;
using Npgsql;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 27, the journal's writer on a real PostgreSQL (database <c>conversations_writer_tests</c>, a table per test): the
/// same <see cref="JournalWriterStory"/> the actor tests tell on SQLite, through Npgsql's batches.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class JournalWriterPostgresTests
{
    [Fact]
    public async Task Writes_queued_behind_a_locked_table_share_the_next_transaction() =>
        await JournalWriterStory.QueuedWritesShareTheNextTransactionAsync(await NewJournalAsync(), acrossWrites: true);

    [Fact]
    public async Task A_write_that_conflicts_with_a_stored_row_fails_alone() =>
        await JournalWriterStory.AConflictingWriteFailsAloneAsync(await NewJournalAsync());

    [Fact]
    public async Task A_write_after_the_writer_is_disposed_fails_at_once() =>
        await JournalWriterStory.AWriteAfterDisposeFailsAsync(await NewJournalAsync());

    /// <summary>A journal table of the plugin's PostgreSQL shape, and a connection string whose commits only this test counts.</summary>
    private static async Task<JournalTable> NewJournalAsync()
    {
        using var database = new PostgresDatabase("conversations_writer_tests");
        await database.PrepareAsync(reset: false);
        var table = "journal_" + Guid.NewGuid().ToString("N");
        var connection = database.Connection + ";Application Name=" + table;
        await using var source = NpgsqlDataSource.Create(connection);
        await using var create = source.CreateCommand($"""
            CREATE TABLE {table} (
              ordering BIGSERIAL NOT NULL PRIMARY KEY, persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL,
              deleted BOOLEAN NOT NULL DEFAULT FALSE, tags VARCHAR(100) NULL, created BIGINT NOT NULL, message BYTEA NOT NULL,
              identifier INTEGER NULL, manifest VARCHAR(500) NULL, writer_uuid VARCHAR(128) NULL,
              CONSTRAINT {table}_uq UNIQUE (persistence_id, sequence_number));
            """);
        await create.ExecuteNonQueryAsync();
        return new JournalTable(NpgsqlFactory.Instance, connection, "\"" + table + "\"", $"LOCK TABLE {table} IN EXCLUSIVE MODE");
    }
}
