using ConversationActors.Actors.Tests.Support;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 27, the recovery reads on a real PostgreSQL (database <c>conversations_recovery_tests</c>, made ready by
/// scripts/postgres.sh): the same <see cref="RecoveryReadsStory"/> the actor tests tell on SQLite, through Npgsql.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class RecoveryReadsPostgresTests
{
    private const string Database = "conversations_recovery_tests";
    private const string Connection = $"Host=127.0.0.1;Port=5432;Database={Database};Username=conversations;Password=conversations";

    [Fact]
    public Task A_replay_delivers_what_the_plugins_reads_deliver_within_bounds_and_max_and_not_deleted_events() =>
        TellAsync(RecoveryReadsStory.ReplayAsync);

    [Fact]
    public Task The_latest_snapshot_and_the_highest_sequence_number_read_by_one_statement_are_the_plugins() =>
        TellAsync(RecoveryReadsStory.LatestSnapshotAndHighestAsync);

    private static async Task TellAsync(Func<Func<string, Task<TestNode>>, string, Task> story)
    {
        var ready = await Shell.RunAsync("scripts/postgres.sh", [], new Dictionary<string, string> { ["CA_PG_DB"] = Database }, TimeSpan.FromMinutes(3));
        Assert.True(ready.ExitCode == 0, ready.Output);
        var unused = Path.Combine(Path.GetTempPath(), $"recovery-{Guid.NewGuid():N}.db"); // TestNode prepares a SQLite file it will not use
        try
        {
            await story(
                hocon => TestNode.StartAsync($"Data Source={unused}", hocon + $"""

                    conversation-actors.store = postgres
                    conversation-actors.postgres.connection-string = "{Connection}"
                    """),
                "recovered-" + Guid.NewGuid().ToString("N"));
        }
        finally
        {
            File.Delete(unused);
        }
    }
}
