using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 15, the journal's life cycle on a real SQLite file: with <c>journal.retention</c> on, a snapshot save deletes
/// the events older than the retention that a snapshot covers; nothing inside the window is lost, every answer (lists,
/// totals, dedupe, time travel at or after the horizon) stays what it was, and a target before the horizon is refused.
/// </summary>
public sealed class JournalRetentionTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private const long Day = 86_400_000;
    private const string User = "retained";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private const string Hocon = """
        conversation-actors.snapshot-every = 4
        conversation-actors.retention = 0
        conversation-actors.journal.retention = 90d
        """;

    [Fact]
    public async Task Events_older_than_the_retention_that_a_snapshot_covers_are_deleted_and_every_answer_stays_the_same()
    {
        var connection = folder.NewConnectionString("retention");
        var time = new FakeTimeProvider(Start);
        IReadOnlyList<JournalEvent> whole;
        string before;
        await using (var node = await TestNode.StartAsync(connection, Hocon, time))
        {
            var journal = new JournalReader(node.System);
            await WriteAsync(node, time, OldHistory());
            var old = await journal.ReadAsync(User, 1, long.MaxValue, CancellationToken.None);
            time.Advance(TimeSpan.FromDays(91));
            await WriteAsync(node, time, RecentHistory());
            whole = [.. old, .. await journal.ReadAsync(User, 9, long.MaxValue, CancellationToken.None)];
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), whole.Select(e => e.Seq));
            before = await node.Service.DescribeUserAsync(User);

            // The snapshot after event 12 is recent; the one after event 8 is the newest older than 90 days: the horizon.
            await AwaitAssertAsync(
                async () => Assert.Equal(9, await journal.FirstSeqAsync(User, CancellationToken.None)),
                TimeSpan.FromSeconds(15),
                TimeSpan.FromMilliseconds(100));
            Assert.Equal(before, await node.Service.DescribeUserAsync(User));
        }

        // Journal rows: events 9..12 and the row of event 8 the store keeps (marked deleted) for the highest seq.
        Assert.Equal(5, JournalRows(connection));

        await using (var node = await TestNode.StartAsync(connection, Hocon, time))
        {
            // Recovered from the compacted store: the same answers, the dedupe window kept (m1 was event 1, deleted).
            Assert.Equal(before, await node.Service.DescribeUserAsync(User));
            var retry = (await node.Service.ExecuteAsync(User, Message(C2C("bob"), "m1", "bob", Ms(Start) + 1), CancellationToken.None)).Ok();
            Assert.False(retry.Applied);
            Assert.Equal(12, retry.SequenceNr);

            var window = node.Settings.Fold.DedupeWindow;
            var replay = new StateReplay(new JournalReader(node.System), new SnapshotReader(node.System, TimeSpan.FromSeconds(10)), window);
            var horizon = await replay.HorizonAsync(User, CancellationToken.None);
            Assert.Equal(new JournalHorizon(8, whole[7].Event.At), horizon);

            for (var seq = 8L; seq <= 12; seq++)
            {
                var (expected, moment) = JournalReplay.AsOfSeq(User, whole, seq, window);
                var actual = await replay.AfterSeqAsync(User, seq, CancellationToken.None);
                Assert.Equal(seq, actual.Seq);
                Assert.Equal(moment, actual.At);
                Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, moment, 0)), ServiceAssertions.Json(ListQueries.All(actual.State, actual.At, 0)));
            }

            foreach (var at in whole.Skip(7).Select(e => e.Event.At))
            {
                var expected = JournalReplay.AsOf(User, whole, at, window);
                var actual = await replay.AtAsync(User, at, CancellationToken.None);
                Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, at, 0)), ServiceAssertions.Json(ListQueries.All(actual.State, at, 0)));
            }

            var early = await Assert.ThrowsAsync<BeforeHorizonException>(() => replay.AfterSeqAsync(User, 7, CancellationToken.None));
            Assert.Equal(8, early.Horizon.Seq);
            await Assert.ThrowsAsync<BeforeHorizonException>(() => replay.AtAsync(User, whole[7].Event.At - 1, CancellationToken.None));

            // The highest seq survived the deletion: the next write is event 13.
            var next = (await node.Service.ExecuteAsync(User, Message(C2C("zoe"), "z1", "zoe", time.GetUtcNow().ToUnixTimeMilliseconds()), CancellationToken.None)).Ok();
            Assert.Equal(13, next.SequenceNr);
        }
    }

    [Fact]
    public async Task With_an_archive_folder_events_are_deleted_only_up_to_what_convctl_archive_recorded()
    {
        var connection = folder.NewConnectionString("archived");
        var archive = Directory.CreateDirectory(Path.Combine(folder.Path, "archive-" + Guid.NewGuid().ToString("N"))).FullName;
        new ArchiveWatermark(5, 0).Write(archive, User);
        var time = new FakeTimeProvider(Start);
        await using var node = await TestNode.StartAsync(connection, Hocon + $"\nconversation-actors.journal.archive-dir = \"{archive}\"", time);
        await WriteAsync(node, time, OldHistory());
        time.Advance(TimeSpan.FromDays(91));
        await WriteAsync(node, time, RecentHistory());

        // Snapshots after 4 and 8 are both older than 90 days, but only events through 5 are archived: the horizon is 4.
        var journal = new JournalReader(node.System);
        await AwaitAssertAsync(
            async () => Assert.Equal(5, await journal.FirstSeqAsync(User, CancellationToken.None)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));

        // Archived through 12 now: the next compaction (after the snapshot at 16) moves the horizon to 8.
        new ArchiveWatermark(12, 0).Write(archive, User);
        time.Advance(TimeSpan.FromMinutes(1));
        await WriteAsync(node, time, RecentHistory("later"));
        await AwaitAssertAsync(
            async () => Assert.Equal(9, await journal.FirstSeqAsync(User, CancellationToken.None)),
            TimeSpan.FromSeconds(15),
            TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Eight events at the start (snapshots after 4 and 8): messages, a pin, reads, a draft.</summary>
    private static IConversationCommand[] OldHistory()
    {
        var t = Ms(Start);
        return
        [
            Message(C2C("bob"), "m1", "bob", t + 1), Message(Group("@TGS#g"), "g1", "carol", t + 2, atAll: true),
            new SetPinned(C2C("bob"), true), Message(C2C("bob"), "m2", "bob", t + 3),
            Message(C2C("erin"), "e1", "erin", t + 4), new MarkRead(C2C("bob"), t + 1), new SetDraft(C2C("erin"), "later"),
            Message(Group("@TGS#g"), "g2", "dave", t + 5),
        ];
    }

    /// <summary>Four events 91 days on (the snapshot after the fourth triggers the compaction).</summary>
    private static IConversationCommand[] RecentHistory(string prefix = "r") =>
    [
        Message(C2C("frank"), prefix + "1", "frank", 0), Message(C2C("bob"), prefix + "2", "bob", 0),
        Message(Group("@TGS#g"), prefix + "3", "carol", 0), Message(C2C("frank"), prefix + "4", "frank", 0),
    ];

    private static async Task WriteAsync(TestNode node, FakeTimeProvider time, IEnumerable<IConversationCommand> commands)
    {
        foreach (var command in commands)
        {
            // Messages built with timestamp 0 are sent "now" on the test's clock.
            var sent = command is AddMessage { Timestamp: 0 } message ? message with { Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds() } : command;
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await node.Service.ExecuteAsync(User, sent, CancellationToken.None)).Ok().Applied);
        }
    }

    private static long Ms(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds();

    private static long JournalRows(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id = $id";
        count.Parameters.AddWithValue("$id", JournalReader.PersistenceIdOf(User));
        return (long)count.ExecuteScalar()!;
    }
}
