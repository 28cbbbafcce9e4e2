using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Tests.Support;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// <see cref="SqliteJournal"/> and <see cref="SqliteSnapshotStore"/> read recovery with their own statements. The replay
/// must deliver exactly the events the plugin's own reads deliver (the stock read journal, which shares the plugin's row
/// filter and deserialization), within the requested bounds and maximum, without the events a deletion removed, and with
/// each row's stored fields; the latest snapshot and the highest sequence number must be the plugin's.
/// </summary>
public sealed class SqliteJournalReplayTests(DatabaseFolder folder, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(output: output), IClassFixture<DatabaseFolder>
{
    private const string User = "replay-reader";

    [Fact]
    public async Task A_replay_delivers_what_the_plugins_reads_deliver_within_bounds_and_max_and_not_deleted_events()
    {
        await using var node = await TestNode.StartAsync(folder.NewConnectionString(), "conversation-actors.snapshot-every = 1000");
        var t = Commands.Now - 60_000;
        for (var i = 1; i <= 8; i++)
        {
            var peer = i % 3 == 0 ? "carol" : "bob";
            Assert.True((await node.Service.ExecuteAsync(User, Message(C2C(peer), "m" + i, peer, t + i), CancellationToken.None)).Ok().Applied);
        }

        var journal = Persistence.Instance.Apply(node.System).JournalFor(null);
        var persistenceId = JournalReader.PersistenceIdOf(User);
        Assert.Equal(typeof(SqliteJournal), Type.GetType(node.System.Settings.Config.GetString("akka.persistence.journal.sql.class")));

        await AssertSameAsync(node.System, journal, persistenceId, 1, long.MaxValue, long.MaxValue, Enumerable.Range(1, 8));
        await AssertSameAsync(node.System, journal, persistenceId, 3, 6, long.MaxValue, Enumerable.Range(3, 4));
        await AssertSameAsync(node.System, journal, persistenceId, 2, long.MaxValue, 3, Enumerable.Range(2, 3));

        var deleter = CreateTestProbe(node.System);
        journal.Tell(new DeleteMessagesTo(persistenceId, 3, deleter.Ref));
        var deleted = await deleter.ExpectMsgAsync<object>(TimeSpan.FromSeconds(10));
        Assert.IsType<DeleteMessagesSuccess>(deleted);
        await AssertSameAsync(node.System, journal, persistenceId, 1, long.MaxValue, long.MaxValue, Enumerable.Range(4, 5));
    }

    [Fact]
    public async Task The_latest_snapshot_and_the_highest_sequence_number_read_by_one_statement_are_the_plugins()
    {
        var database = folder.NewConnectionString();
        await using var node = await TestNode.StartAsync(database, "conversation-actors.snapshot-every = 3");
        var t = Commands.Now - 60_000;
        for (var i = 1; i <= 8; i++)
        {
            Assert.True((await node.Service.ExecuteAsync(User, Message(C2C("bob"), "s" + i, "bob", t + i), CancellationToken.None)).Ok().Applied);
        }

        var persistenceId = JournalReader.PersistenceIdOf(User);
        await AwaitAssertAsync(() => Assert.Contains(6L, SqliteFile.SnapshotSequenceNrs(database, persistenceId)), TimeSpan.FromSeconds(10));
        Assert.Equal(typeof(SqliteSnapshotStore), Type.GetType(node.System.Settings.Config.GetString("akka.persistence.snapshot-store.sql.class")));

        // Latest: this store's statement; every other criterion still goes to the plugin's query.
        var store = Persistence.Instance.Apply(node.System).SnapshotStoreFor(null);
        var probe = CreateTestProbe(node.System);
        store.Tell(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), probe.Ref);
        var latest = (await probe.ExpectMsgAsync<LoadSnapshotResult>(TimeSpan.FromSeconds(10))).Snapshot;
        store.Tell(new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(long.MaxValue - 1), long.MaxValue), probe.Ref);
        var plugins = (await probe.ExpectMsgAsync<LoadSnapshotResult>(TimeSpan.FromSeconds(10))).Snapshot;
        Assert.NotNull(latest);
        Assert.Equal(6, latest.Metadata.SequenceNr);
        Assert.Equal(plugins.Metadata, latest.Metadata);
        var serializer = node.System.Serialization.FindSerializerFor(plugins.Snapshot);
        Assert.Equal(serializer.ToBinary(plugins.Snapshot), serializer.ToBinary(latest.Snapshot));

        // The highest sequence number counts rows a deletion only marked: the last event stays after deleting up to it.
        var journal = Persistence.Instance.Apply(node.System).JournalFor(null);
        Assert.Equal(8, await HighestAsync(journal, probe, persistenceId));
        journal.Tell(new DeleteMessagesTo(persistenceId, 8, probe.Ref));
        await probe.ExpectMsgAsync<DeleteMessagesSuccess>(TimeSpan.FromSeconds(10));
        Assert.Equal(8, await HighestAsync(journal, probe, persistenceId));
        Assert.Equal(0, await HighestAsync(journal, probe, JournalReader.PersistenceIdOf("nobody")));
    }

    private static async Task<long> HighestAsync(IActorRef journal, Akka.TestKit.TestProbe probe, string persistenceId)
    {
        journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, probe.Ref));
        var done = await probe.FishForMessageAsync(m => m is RecoverySuccess, TimeSpan.FromSeconds(10));
        return ((RecoverySuccess)done).HighestSequenceNr;
    }

    private static async Task AssertSameAsync(ActorSystem system, IActorRef journal, string persistenceId, long from, long to, long max, IEnumerable<int> expectedSeqs)
    {
        var replayed = await ReplayAsync(system, journal, persistenceId, from, to, max);
        var stock = await PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByPersistenceId(persistenceId, from, to)
            .Take(max)
            .RunWith(Sink.Seq<EventEnvelope>(), system.Materializer());

        Assert.Equal(expectedSeqs.Select(s => (long)s), replayed.Select(p => p.SequenceNr));
        Assert.Equal(stock.Select(e => e.SequenceNr), replayed.Select(p => p.SequenceNr));
        for (var i = 0; i < stock.Count; i++)
        {
            var serializer = system.Serialization.FindSerializerFor(stock[i].Event);
            Assert.Equal(stock[i].Event.GetType(), replayed[i].Payload.GetType());
            Assert.Equal(serializer.ToBinary(stock[i].Event), serializer.ToBinary(replayed[i].Payload));
            Assert.Equal(stock[i].Timestamp, replayed[i].Timestamp);
            Assert.Equal(persistenceId, replayed[i].PersistenceId);
            Assert.False(replayed[i].IsDeleted);
            Assert.False(string.IsNullOrEmpty(replayed[i].WriterGuid));
            Assert.Equal(Akka.Serialization.Serialization.ManifestFor(serializer, stock[i].Event), replayed[i].Manifest);
        }
    }

    private static async Task<IReadOnlyList<IPersistentRepresentation>> ReplayAsync(ActorSystem system, IActorRef journal, string persistenceId, long from, long to, long max)
    {
        var done = new TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = system.ActorOf(Props.Create(() => new Collector(done)));
        journal.Tell(new ReplayMessages(from, to, max, persistenceId, collector));
        try
        {
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            system.Stop(collector);
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>> done)
        {
            var replayed = new List<IPersistentRepresentation>();
            Receive<ReplayedMessage>(m => replayed.Add(m.Persistent));
            Receive<RecoverySuccess>(_ => done.TrySetResult(replayed));
            ReceiveAny(m => done.TrySetException(new InvalidOperationException($"replay answered {m}")));
        }
    }
}
