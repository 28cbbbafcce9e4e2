using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ConversationActors.Actors.Journal;
using Xunit;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// <see cref="SqlJournal"/> and <see cref="SqlSnapshotStore"/> read recovery with their own statements, as one story any
/// store can tell (SQLite in the actor tests, PostgreSQL in the cluster tests). The replay must deliver exactly the
/// events the plugin's own reads deliver (the stock read journal, which shares the plugin's row filter and
/// deserialization), within the requested bounds and maximum, without the events a deletion removed, and with each
/// row's stored fields; the latest snapshot and the highest sequence number must be the plugin's.
/// </summary>
public static class RecoveryReadsStory
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <param name="start">Starts a node on the store under test with the given HOCON.</param>
    /// <param name="user">A userID no other test writes (the store may be shared).</param>
    public static async Task ReplayAsync(Func<string, Task<TestNode>> start, string user)
    {
        await using var node = await start("conversation-actors.snapshot-every = 1000");
        var t = Now - 60_000;
        for (var i = 1; i <= 8; i++)
        {
            var peer = i % 3 == 0 ? "carol" : "bob";
            Assert.True((await node.Service.ExecuteAsync(user, Message(C2C(peer), "m" + i, peer, t + i), CancellationToken.None)).Ok().Applied);
        }

        var journal = Persistence.Instance.Apply(node.System).JournalFor(null);
        var persistenceId = JournalReader.PersistenceIdOf(user);
        Assert.True(typeof(SqlJournal).IsAssignableFrom(Type.GetType(node.System.Settings.Config.GetString("akka.persistence.journal.sql.class"))));

        await AssertSameAsync(node.System, journal, persistenceId, 1, long.MaxValue, long.MaxValue, Enumerable.Range(1, 8));
        await AssertSameAsync(node.System, journal, persistenceId, 3, 6, long.MaxValue, Enumerable.Range(3, 4));
        await AssertSameAsync(node.System, journal, persistenceId, 2, long.MaxValue, 3, Enumerable.Range(2, 3));

        Assert.IsType<DeleteMessagesSuccess>(await journal.Ask<object>(replyTo => new DeleteMessagesTo(persistenceId, 3, replyTo), Timeout, CancellationToken.None));
        await AssertSameAsync(node.System, journal, persistenceId, 1, long.MaxValue, long.MaxValue, Enumerable.Range(4, 5));
    }

    /// <param name="start">Starts a node on the store under test with the given HOCON.</param>
    /// <param name="user">A userID no other test writes (the store may be shared).</param>
    public static async Task LatestSnapshotAndHighestAsync(Func<string, Task<TestNode>> start, string user)
    {
        await using var node = await start("conversation-actors.snapshot-every = 3");
        var t = Now - 60_000;
        for (var i = 1; i <= 8; i++)
        {
            Assert.True((await node.Service.ExecuteAsync(user, Message(C2C("bob"), "s" + i, "bob", t + i), CancellationToken.None)).Ok().Applied);
        }

        var persistenceId = JournalReader.PersistenceIdOf(user);
        Assert.Equal(typeof(SqlSnapshotStore), Type.GetType(node.System.Settings.Config.GetString("akka.persistence.snapshot-store.sql.class")));

        // Latest: this store's statement; every other criterion still goes to the plugin's query.
        var store = Persistence.Instance.Apply(node.System).SnapshotStoreFor(null);
        SelectedSnapshot? plugins = null;
        await CompactionStory.UntilAsync(
            async () => (plugins = await LoadAsync(store, persistenceId, new SnapshotSelectionCriteria(long.MaxValue - 1)))?.Metadata.SequenceNr == 6,
            "the snapshot after event 6");
        var latest = await LoadAsync(store, persistenceId, SnapshotSelectionCriteria.Latest);
        Assert.NotNull(latest);
        Assert.Equal(plugins!.Metadata, latest.Metadata);
        var serializer = node.System.Serialization.FindSerializerFor(plugins.Snapshot);
        Assert.Equal(serializer.ToBinary(plugins.Snapshot), serializer.ToBinary(latest.Snapshot));
        Assert.Null(await LoadAsync(store, JournalReader.PersistenceIdOf(user + "-nobody"), SnapshotSelectionCriteria.Latest));

        // The highest sequence number counts rows a deletion only marked: the last event stays after deleting up to it.
        var journal = Persistence.Instance.Apply(node.System).JournalFor(null);
        Assert.Equal(8, await HighestAsync(node.System, journal, persistenceId));
        Assert.IsType<DeleteMessagesSuccess>(await journal.Ask<object>(replyTo => new DeleteMessagesTo(persistenceId, 8, replyTo), Timeout, CancellationToken.None));
        Assert.Equal(8, await HighestAsync(node.System, journal, persistenceId));
        Assert.Equal(0, await HighestAsync(node.System, journal, JournalReader.PersistenceIdOf(user + "-nobody")));
    }

    private static async Task<SelectedSnapshot?> LoadAsync(IActorRef store, string persistenceId, SnapshotSelectionCriteria criteria) =>
        (await store.Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, criteria, long.MaxValue), Timeout)).Snapshot;

    private static async Task<long> HighestAsync(ActorSystem system, IActorRef journal, string persistenceId) =>
        (await ReplayAsync(system, journal, persistenceId, 1, long.MaxValue, long.MaxValue)).Highest;

    private static async Task AssertSameAsync(ActorSystem system, IActorRef journal, string persistenceId, long from, long to, long max, IEnumerable<int> expectedSeqs)
    {
        var (replayed, _) = await ReplayAsync(system, journal, persistenceId, from, to, max);
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

    private static async Task<(IReadOnlyList<IPersistentRepresentation> Events, long Highest)> ReplayAsync(
        ActorSystem system, IActorRef journal, string persistenceId, long from, long to, long max)
    {
        var done = new TaskCompletionSource<(IReadOnlyList<IPersistentRepresentation>, long)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = system.ActorOf(Props.Create(() => new Collector(done)));
        journal.Tell(new ReplayMessages(from, to, max, persistenceId, collector));
        try
        {
            return await done.Task.WaitAsync(Timeout);
        }
        finally
        {
            system.Stop(collector);
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(TaskCompletionSource<(IReadOnlyList<IPersistentRepresentation>, long)> done)
        {
            var replayed = new List<IPersistentRepresentation>();
            Receive<ReplayedMessage>(m => replayed.Add(m.Persistent));
            Receive<RecoverySuccess>(m => done.TrySetResult((replayed, m.HighestSequenceNr)));
            ReceiveAny(m => done.TrySetException(new InvalidOperationException($"replay answered {m}")));
        }
    }
}
