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
/// <see cref="SqliteJournal"/> reads recovery with its own statement: it must deliver exactly the events the plugin's
/// own reads deliver (the stock read journal, which shares the plugin's row filter and deserialization), within the
/// requested bounds and maximum, without the events a deletion removed, and with each row's stored fields.
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
