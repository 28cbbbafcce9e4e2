using ConversationActors.Actors.Tests.Support;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 27, the recovery reads on a real PostgreSQL (database <c>conversations_recovery_tests</c>): the same
/// <see cref="RecoveryReadsStory"/> the actor tests tell on SQLite, through Npgsql.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class RecoveryReadsPostgresTests
{
    [Fact]
    public Task A_replay_delivers_what_the_plugins_reads_deliver_within_bounds_and_max_and_not_deleted_events() =>
        TellAsync(RecoveryReadsStory.ReplayAsync);

    [Fact]
    public Task The_latest_snapshot_and_the_highest_sequence_number_read_by_one_statement_are_the_plugins() =>
        TellAsync(RecoveryReadsStory.LatestSnapshotAndHighestAsync);

    private static async Task TellAsync(Func<Func<string, Task<TestNode>>, string, Task> story)
    {
        using var database = new PostgresDatabase("conversations_recovery_tests");
        await database.PrepareAsync(reset: false);
        await story(hocon => database.StartNodeAsync(hocon), "recovered-" + Guid.NewGuid().ToString("N"));
    }
}
