using ConversationActors.Actors.Tests.Support;
using ConversationActors.Cluster.Tests.Support;
using Npgsql;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 15, the journal's life cycle on a real PostgreSQL (database <c>conversations_retention_tests</c>, created fresh
/// by scripts/postgres.sh): the same <see cref="CompactionStory"/> the actor tests tell on SQLite — in particular the
/// store keeps the deleted horizon's row, so the entity's highest seq survives.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class JournalRetentionPostgresTests
{
    private const string Database = "conversations_retention_tests";
    private const string Connection = $"Host=127.0.0.1;Port=5432;Database={Database};Username=conversations;Password=conversations";

    [Fact]
    public async Task Events_older_than_the_retention_that_a_snapshot_covers_are_deleted_and_every_answer_stays_the_same()
    {
        var reset = await Shell.RunAsync("scripts/postgres.sh", ["--reset"], new Dictionary<string, string> { ["CA_PG_DB"] = Database }, TimeSpan.FromMinutes(3));
        Assert.True(reset.ExitCode == 0, reset.Output);
        var unused = Path.Combine(Path.GetTempPath(), $"retention-{Guid.NewGuid():N}.db"); // TestNode prepares a SQLite file it will not use
        await CompactionStory.TellAsync(
            time => TestNode.StartAsync($"Data Source={unused}", CompactionStory.Hocon + $"""

                conversation-actors.store = postgres
                conversation-actors.postgres.connection-string = "{Connection}"
                """, time),
            RowsAsync,
            "retained-" + Guid.NewGuid().ToString("N"));
        File.Delete(unused);
    }

    private static async Task<long> RowsAsync(string persistenceId)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM journal WHERE persistence_id = @id", connection);
        count.Parameters.AddWithValue("id", persistenceId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
