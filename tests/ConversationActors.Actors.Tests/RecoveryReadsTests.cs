using ConversationActors.Actors.Tests.Support;

namespace ConversationActors.Actors.Tests;

/// <summary>The recovery reads' story (<see cref="RecoveryReadsStory"/>) on SQLite; the cluster tests tell it on PostgreSQL.</summary>
public sealed class RecoveryReadsTests(DatabaseFolder folder) : IClassFixture<DatabaseFolder>
{
    [Fact]
    public Task A_replay_delivers_what_the_plugins_reads_deliver_within_bounds_and_max_and_not_deleted_events() =>
        RecoveryReadsStory.ReplayAsync(hocon => TestNode.StartAsync(folder.NewConnectionString(), hocon), "replay-reader");

    [Fact]
    public Task The_latest_snapshot_and_the_highest_sequence_number_read_by_one_statement_are_the_plugins() =>
        RecoveryReadsStory.LatestSnapshotAndHighestAsync(hocon => TestNode.StartAsync(folder.NewConnectionString(), hocon), "replay-reader");
}
