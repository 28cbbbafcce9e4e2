using ConversationActors.Actors.Journal;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// Issue 15, the journal's life cycle as one story any store can tell (SQLite in the actor tests, PostgreSQL in the
/// cluster tests): eight events, 91 days, four more; the snapshot after event 12 makes the snapshot after event 8 the
/// horizon. Nothing inside the window is lost and every answer stays the same, across a restart too. The node must run
/// with <see cref="Hocon"/>.
/// </summary>
public static class CompactionStory
{
    public const string Hocon = """
        conversation-actors.snapshot-every = 4
        conversation-actors.retention = 0
        conversation-actors.journal.retention = 90d
        """;

    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <param name="start">Starts a node on the store under test with <see cref="Hocon"/> and the given clock.</param>
    /// <param name="journalRows">The number of journal rows of a persistence id, straight from the store.</param>
    /// <param name="user">A userID no other test writes (the store may be shared).</param>
    public static async Task TellAsync(Func<TimeProvider, Task<TestNode>> start, Func<string, Task<long>> journalRows, string user)
    {
        var time = new FakeTimeProvider(Start);
        IReadOnlyList<JournalEvent> whole;
        string before;
        await using (var node = await start(time))
        {
            var journal = new JournalReader(node.System);
            await WriteAsync(node, time, user, OldHistory());
            var old = await journal.ReadAsync(user, 1, long.MaxValue, CancellationToken.None);
            time.Advance(TimeSpan.FromDays(91));
            await WriteAsync(node, time, user, RecentHistory());
            whole = [.. old, .. await journal.ReadAsync(user, 9, long.MaxValue, CancellationToken.None)];
            Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), whole.Select(e => e.Seq));
            before = await node.Service.DescribeUserAsync(user);

            // The snapshot after event 12 is recent; the one after event 8 is the newest older than 90 days: the horizon.
            await UntilAsync(async () => await journal.FirstSeqAsync(user, CancellationToken.None) == 9, "the journal to start at event 9");

            // Then the snapshots below the horizon go; the horizon's own snapshot stays (time travel starts there).
            var snapshots = new SnapshotReader(node.System, TimeSpan.FromSeconds(10));
            var window = node.Settings.Fold.DedupeWindow;
            await UntilAsync(async () => await snapshots.LoadAsync(user, 7, window, null, CancellationToken.None) is null, "the snapshot after event 4 to be deleted");
            Assert.Equal(8, (await snapshots.LoadAsync(user, 11, window, null, CancellationToken.None))?.Seq);
            Assert.Equal(before, await node.Service.DescribeUserAsync(user));
        }

        // Journal rows: events 9..12 and the row of event 8 the store keeps (marked deleted) for the highest seq.
        Assert.Equal(5, await journalRows(JournalReader.PersistenceIdOf(user)));

        await using (var node = await start(time))
        {
            // Recovered from the compacted store: the same answers, the dedupe window kept (m1 was event 1, deleted).
            Assert.Equal(before, await node.Service.DescribeUserAsync(user));
            var retry = (await node.Service.ExecuteAsync(user, Message(C2C("bob"), "m1", "bob", Start.ToUnixTimeMilliseconds() + 1), CancellationToken.None)).Ok();
            Assert.False(retry.Applied);
            Assert.Equal(12, retry.SequenceNr);

            var window = node.Settings.Fold.DedupeWindow;
            var replay = new StateReplay(new JournalReader(node.System), new SnapshotReader(node.System, TimeSpan.FromSeconds(10)), window);
            Assert.Equal(new JournalHorizon(8, whole[7].Event.At), await replay.HorizonAsync(user, CancellationToken.None));
            for (var seq = 8L; seq <= 12; seq++)
            {
                var (expected, moment) = JournalReplay.AsOfSeq(user, whole, seq, window);
                var actual = await replay.AfterSeqAsync(user, seq, CancellationToken.None);
                Assert.Equal(seq, actual.Seq);
                Assert.Equal(moment, actual.At);
                Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, moment, 0)), ServiceAssertions.Json(ListQueries.All(actual.State, actual.At, 0)));
            }

            foreach (var at in whole.Skip(7).Select(e => e.Event.At))
            {
                var expected = JournalReplay.AsOf(user, whole, at, window);
                var actual = await replay.AtAsync(user, at, CancellationToken.None);
                Assert.Equal(ServiceAssertions.Json(ListQueries.All(expected, at, 0)), ServiceAssertions.Json(ListQueries.All(actual.State, at, 0)));
            }

            var early = await Assert.ThrowsAsync<BeforeHorizonException>(() => replay.AfterSeqAsync(user, 7, CancellationToken.None));
            Assert.Equal(8, early.Horizon.Seq);
            await Assert.ThrowsAsync<BeforeHorizonException>(() => replay.AtAsync(user, whole[7].Event.At - 1, CancellationToken.None));

            // The highest seq survived the deletion: the next write is event 13.
            var next = (await node.Service.ExecuteAsync(user, Message(C2C("zoe"), "z1", "zoe", time.GetUtcNow().ToUnixTimeMilliseconds()), CancellationToken.None)).Ok();
            Assert.Equal(13, next.SequenceNr);
        }
    }

    /// <summary>Eight events at the start (snapshots after 4 and 8): messages, a pin, a read, a draft.</summary>
    public static IConversationCommand[] OldHistory()
    {
        var t = Start.ToUnixTimeMilliseconds();
        return
        [
            Message(C2C("bob"), "m1", "bob", t + 1), Message(Group("@TGS#g"), "g1", "carol", t + 2, atAll: true),
            new SetPinned(C2C("bob"), true), Message(C2C("bob"), "m2", "bob", t + 3),
            Message(C2C("erin"), "e1", "erin", t + 4), new MarkRead(C2C("bob"), t + 1), new SetDraft(C2C("erin"), "later"),
            Message(Group("@TGS#g"), "g2", "dave", t + 5),
        ];
    }

    /// <summary>Four messages sent "now" (timestamp 0 is replaced by the clock's time when written).</summary>
    public static IConversationCommand[] RecentHistory(string prefix = "r") =>
    [
        Message(C2C("frank"), prefix + "1", "frank", 0), Message(C2C("bob"), prefix + "2", "bob", 0),
        Message(Group("@TGS#g"), prefix + "3", "carol", 0), Message(C2C("frank"), prefix + "4", "frank", 0),
    ];

    /// <summary>Writes the commands one by one, a second apart on the clock; each must be applied.</summary>
    public static async Task WriteAsync(TestNode node, FakeTimeProvider time, string user, IEnumerable<IConversationCommand> commands)
    {
        foreach (var command in commands)
        {
            var sent = command is AddMessage { Timestamp: 0 } message ? message with { Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds() } : command;
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await node.Service.ExecuteAsync(user, sent, CancellationToken.None)).Ok().Applied);
        }
    }

    /// <summary>Polls (awaiting each look) until <paramref name="condition"/> holds; fails after 15 s naming what it waited for.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 15 s for {what}");
            await Task.Delay(100);
        }
    }
}
