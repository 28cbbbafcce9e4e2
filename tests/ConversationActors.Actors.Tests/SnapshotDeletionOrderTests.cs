using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// A snapshot save that the store finishes late (a busy SQLite file) must not outlive the deletion meant for it: Akka's
/// snapshot store runs saves and deletions concurrently, so the entity holds a deletion back until every older save it
/// sent has ended (docs/decisions.md "Snapshot deletions wait for older saves"). Before, the deletion overtook the save
/// and the old snapshot stayed; the intermittent failures of <see cref="StateReplayTests"/> and
/// <see cref="JournalRetentionTests"/> were this race.
/// </summary>
public sealed class SnapshotDeletionOrderTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task A_save_that_ends_after_a_newer_one_is_still_deleted_and_no_deletion_overtakes_it()
    {
        const string user = "late-save";
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), $"""
            conversation-actors.snapshot-every = 4
            {GatedSqlSnapshotStore.ConfigLine}
            """);
        var hold = GatedSqlSnapshotStore.HoldSave(ConversationSetActor.PersistencePrefix + user, 4);
        var t = Commands.Now - 60_000;
        for (var i = 1; i <= 8; i++)
        {
            Assert.True((await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m" + i, "bob", t + i), CancellationToken.None)).Ok().Applied);
        }

        // The save after 8 went through while the one after 4 was held; the deletion it released waited for the held save.
        await hold.Saved.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(await hold.ReleasedByDeletion.Task, "a deletion of the snapshots through 7 ran while the save of 4 was in flight");
        var snapshots = new SnapshotReader(node.System, TimeSpan.FromSeconds(10));
        var window = node.Settings.Fold.DedupeWindow;
        await AwaitAssertAsync(
            async () => Assert.Null(await snapshots.LoadAsync(user, 7, window, null, CancellationToken.None)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));
        Assert.Equal(8, (await snapshots.LoadAsync(user, 8, window, null, CancellationToken.None))?.Seq);
    }

    [Fact]
    public async Task With_retention_a_late_save_below_the_horizon_is_deleted_once_it_ends()
    {
        const string user = "late-save-retention";
        var time = new FakeTimeProvider(CompactionStory.Start);
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), CompactionStory.Hocon + "\n" + GatedSqlSnapshotStore.ConfigLine, time);
        var hold = GatedSqlSnapshotStore.HoldSave(ConversationSetActor.PersistencePrefix + user, 4);
        await CompactionStory.WriteAsync(node, time, user, CompactionStory.OldHistory());
        time.Advance(TimeSpan.FromDays(91));
        await CompactionStory.WriteAsync(node, time, user, CompactionStory.RecentHistory());

        var journal = new JournalReader(node.System);
        await CompactionStory.UntilAsync(async () => await journal.FirstSeqAsync(user, CancellationToken.None) == 9, "the journal to start at event 9");
        await hold.Saved.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(await hold.ReleasedByDeletion.Task, "a deletion of the snapshots through 7 ran while the save of 4 was in flight");
        var snapshots = new SnapshotReader(node.System, TimeSpan.FromSeconds(10));
        var window = node.Settings.Fold.DedupeWindow;
        await CompactionStory.UntilAsync(async () => await snapshots.LoadAsync(user, 7, window, null, CancellationToken.None) is null, "the snapshot after event 4 to be deleted");
        Assert.Equal(8, (await snapshots.LoadAsync(user, 11, window, null, CancellationToken.None))?.Seq);
    }
}
