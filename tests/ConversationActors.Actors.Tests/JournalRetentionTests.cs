using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 15, the journal's life cycle on a real SQLite file (<see cref="CompactionStory"/>; the cluster tests tell the
/// same story on PostgreSQL), and archive before delete: with an archive folder, events go only as far as
/// <c>convctl archive</c> recorded.
/// </summary>
public sealed class JournalRetentionTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private const string User = "retained";

    [Fact]
    public async Task Events_older_than_the_retention_that_a_snapshot_covers_are_deleted_and_every_answer_stays_the_same()
    {
        var connection = folder.NewConnectionString("retention");
        await CompactionStory.TellAsync(time => TestNode.StartAsync(connection, CompactionStory.Hocon, time), id => Task.FromResult((long)SqliteFile.JournalSequenceNrs(connection, id).Count), User);
    }

    [Fact]
    public async Task After_retention_is_turned_off_again_nothing_more_is_deleted_and_history_starts_at_the_latest_snapshot()
    {
        var connection = folder.NewConnectionString("off-again");
        var time = new FakeTimeProvider(CompactionStory.Start);
        await using (var node = await TestNode.StartAsync(connection, CompactionStory.Hocon, time))
        {
            await CompactionStory.WriteAsync(node, time, User, CompactionStory.OldHistory());
            time.Advance(TimeSpan.FromDays(91));
            await CompactionStory.WriteAsync(node, time, User, CompactionStory.RecentHistory());
            var journal = new JournalReader(node.System);
            await CompactionStory.UntilAsync(async () => await journal.FirstSeqAsync(User, CancellationToken.None) == 9, "the journal to start at event 9");
        }

        await using (var node = await TestNode.StartAsync(connection, CompactionStory.Hocon + "\nconversation-actors.journal.retention = 0", time))
        {
            time.Advance(TimeSpan.FromDays(200));
            await CompactionStory.WriteAsync(node, time, User, CompactionStory.RecentHistory("off"));

            // The save after event 16 deletes the older snapshots (retention off), the horizon's too; no event goes.
            var replay = new StateReplay(new JournalReader(node.System), new SnapshotReader(node.System, TimeSpan.FromSeconds(10)), node.Settings.Fold.DedupeWindow);
            await CompactionStory.UntilAsync(async () => (await replay.HorizonAsync(User, CancellationToken.None))?.Seq == 16, "history to start at the snapshot after event 16");
            Assert.Equal(9, await new JournalReader(node.System).FirstSeqAsync(User, CancellationToken.None));
            var early = await Assert.ThrowsAsync<BeforeHorizonException>(() => replay.AfterSeqAsync(User, 12, CancellationToken.None));
            Assert.Equal(16, early.Horizon.Seq);
            var atEnd = await replay.AfterSeqAsync(User, 16, CancellationToken.None);
            Assert.Equal((16L, 16L), (atEnd.Seq, atEnd.FromSnapshot));
        }
    }

    [Fact]
    public async Task With_an_archive_folder_events_are_deleted_only_up_to_what_convctl_archive_recorded()
    {
        var connection = folder.NewConnectionString("archived");
        var archive = Directory.CreateDirectory(Path.Combine(folder.Path, "archive-" + Guid.NewGuid().ToString("N"))).FullName;
        new ArchiveWatermark(5, 0).Write(archive, User);
        var time = new FakeTimeProvider(CompactionStory.Start);
        await using var node = await TestNode.StartAsync(connection, CompactionStory.Hocon + $"\nconversation-actors.journal.archive-dir = \"{archive}\"", time);
        await CompactionStory.WriteAsync(node, time, User, CompactionStory.OldHistory());
        time.Advance(TimeSpan.FromDays(91));
        await CompactionStory.WriteAsync(node, time, User, CompactionStory.RecentHistory());

        // Snapshots after 4 and 8 are both older than 90 days, but only events through 5 are archived: the horizon is 4.
        var journal = new JournalReader(node.System);
        await AwaitAssertAsync(
            async () => Assert.Equal(5, await journal.FirstSeqAsync(User, CancellationToken.None)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));

        // Archived through 12 now: the next compaction (after the snapshot at 16) moves the horizon to 8.
        new ArchiveWatermark(12, 0).Write(archive, User);
        time.Advance(TimeSpan.FromMinutes(1));
        await CompactionStory.WriteAsync(node, time, User, CompactionStory.RecentHistory("later"));
        await AwaitAssertAsync(
            async () => Assert.Equal(9, await journal.FirstSeqAsync(User, CancellationToken.None)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));
    }
}
