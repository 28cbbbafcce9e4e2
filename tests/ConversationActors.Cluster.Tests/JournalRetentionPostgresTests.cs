using ConversationActors.Actors.Tests.Support;
using ConversationActors.Cluster.Tests.Support;
using Npgsql;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 15, the journal's life cycle on a real PostgreSQL (database <c>conversations_retention_tests</c>, created fresh):
/// the same <see cref="CompactionStory"/> the actor tests tell on SQLite — in particular the store keeps the deleted
/// horizon's row, so the entity's highest seq survives.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class JournalRetentionPostgresTests
{
    [Fact]
    public async Task Events_older_than_the_retention_that_a_snapshot_covers_are_deleted_and_every_answer_stays_the_same()
    {
        using var database = new PostgresDatabase("conversations_retention_tests");
        await database.PrepareAsync(reset: true);
        await CompactionStory.TellAsync(
            time => database.StartNodeAsync(CompactionStory.Hocon, time),
            persistenceId => RowsAsync(database, persistenceId),
            "retained-" + Guid.NewGuid().ToString("N"));
    }

    private static async Task<long> RowsAsync(PostgresDatabase database, string persistenceId)
    {
        await using var connection = new NpgsqlConnection(database.Connection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM journal WHERE persistence_id = @id", connection);
        count.Parameters.AddWithValue("id", persistenceId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
