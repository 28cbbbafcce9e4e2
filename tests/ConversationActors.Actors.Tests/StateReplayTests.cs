using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 15: time travel and change-feed resumes fold the journal page by page from the latest snapshot at or before
/// their target, and answer exactly what a fold of the whole journal from seq 1 answers.
/// </summary>
public sealed class StateReplayTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    [Fact]
    public async Task A_fold_from_the_latest_snapshot_before_the_target_equals_the_fold_from_seq_1_at_every_seq_and_moment()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), "conversation-actors.snapshot-every = 4");
        const string user = "replayed";
        var t = Commands.Now - 60_000;
        IConversationCommand[] commands =
        [
            Message(C2C("bob"), "m1", "bob", t + 1), Message(Group("@TGS#g"), "g1", "carol", t + 2, atAll: true),
            new SetPinned(C2C("bob"), true), new MarkRead(Group("@TGS#g"), t + 2), Message(C2C("erin"), "e1", "erin", t + 3),
            new SetDraft(C2C("erin"), "later"), new SetFriendRemark("bob", "Bobby"), Message(C2C("bob"), "m2", user, t + 4),
            new DeleteConversation(C2C("erin")), Message(C2C("dave"), "d1", "dave", t + 5),
        ];
        foreach (var command in commands)
        {
            Assert.True((await node.Service.ExecuteAsync(user, command, CancellationToken.None)).Ok().Applied);
        }

        var window = node.Settings.Fold.DedupeWindow;
        var retention = node.Settings.Fold.RetentionMs;
        var journal = new JournalReader(node.System);
        var replay = new StateReplay(journal, new SnapshotReader(node.System, TimeSpan.FromSeconds(10)), window);
        var all = await journal.ReadAsync(user, 1, long.MaxValue, CancellationToken.None);
        Assert.Equal(10, all.Count);

        // Snapshots are saved after the reply: wait for the one after event 8, and for the one after 4 to be deleted
        // (the entity deletes it once the save of 8 succeeded, asynchronously: a read in between still finds it).
        await AwaitAssertAsync(
            async () =>
            {
                Assert.Equal(8, (await replay.AfterSeqAsync(user, 10, CancellationToken.None)).FromSnapshot);
                Assert.Equal(0, (await replay.AfterSeqAsync(user, 7, CancellationToken.None)).FromSnapshot);
            },
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));

        for (var seq = 0L; seq <= 11; seq++)
        {
            var (expected, moment) = JournalReplay.AsOfSeq(user, all, seq, window);
            var actual = await replay.AfterSeqAsync(user, seq, CancellationToken.None);

            Assert.Equal(Math.Min(seq, 10), actual.Seq);
            Assert.Equal(moment, actual.At);
            Assert.Equal(seq >= 8 ? 8 : 0, actual.FromSnapshot);
            Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, moment, retention)), ServiceAssertions.Json(ListQueries.All(actual.State, actual.At, retention)));
            Assert.Equal(ListQueries.TotalUnread(expected, moment, retention), ListQueries.TotalUnread(actual.State, actual.At, retention));
        }

        foreach (var at in all.Select(e => e.Event.At).Append(all[^1].Event.At + 60_000))
        {
            var expected = JournalReplay.AsOf(user, all, at, window);
            var actual = await replay.AtAsync(user, at, CancellationToken.None);
            Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, at, retention)), ServiceAssertions.Json(ListQueries.All(actual.State, at, retention)));
        }

        Assert.Equal(8, (await replay.AtAsync(user, all[^1].Event.At + 60_000, CancellationToken.None)).FromSnapshot);
    }
}
