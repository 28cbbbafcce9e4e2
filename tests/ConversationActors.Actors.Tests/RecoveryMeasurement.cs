using System.Diagnostics;
using Akka.Actor;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>How long one entity with 100,000 events takes to recover, with a snapshot and without.</summary>
[Trait("Category", "Measurement")]
public sealed class RecoveryMeasurement(DatabaseFolder folder, ITestOutputHelper output) : IClassFixture<DatabaseFolder>
{
    private const int Events = 100_000;
    private const int SnapshotAt = 99_000;
    private const int Peers = 1_000;
    private const int Batch = 1_000;

    [MeasurementFact]
    public async Task Recovery_of_one_entity_with_100000_events_is_timed_with_and_without_a_snapshot()
    {
        var database = folder.NewConnectionString("measure");
        var settings = ConversationSettings.Default;
        var (events, snapshot, expectedUnread) = Generate(settings);
        const string hocon = "conversation-actors.snapshot-every = 10000000\nconversation-actors.ask-timeout = 300s";

        var clock = Stopwatch.StartNew();
        await using (var node = await TestNode.StartAsync(database, hocon))
        {
            await WriteAsync(node, "big-snapshot", events, snapshot);
            await WriteAsync(node, "big-replay", events, null);
        }

        output.WriteLine($"wrote 2 x {Events:N0} events (and one snapshot at {SnapshotAt:N0}) in {clock.Elapsed.TotalSeconds:0.0} s");
        var snapshotBytes = SqliteFile.SnapshotSizes(database, ConversationSetActor.PersistencePrefix + "big-snapshot").Single();
        output.WriteLine($"snapshot: {snapshotBytes:N0} bytes ({snapshot.Conversations.Count} conversations, {snapshot.DedupeKeys.Count:N0} dedupe keys)");

        foreach (var (user, what) in new[] { ("big-snapshot", $"snapshot at {SnapshotAt:N0} + {Events - SnapshotAt:N0} events"), ("big-replay", $"full replay of {Events:N0} events") })
        {
            await using var node = await TestNode.StartAsync(database, hocon);
            await WarmUpShardOfAsync(node, user);
            clock.Restart();
            var answer = await node.Regions.Conversations.Ask<TotalUnreadAnswer>(new GetTotalUnread(user), TimeSpan.FromMinutes(5));
            var recovery = clock.Elapsed;
            clock.Restart();
            await node.Regions.Conversations.Ask<TotalUnreadAnswer>(new GetTotalUnread(user), TimeSpan.FromMinutes(5));
            output.WriteLine($"{what}: first answer after {recovery.TotalMilliseconds:N0} ms (a warm second ask: {clock.Elapsed.TotalMilliseconds:0.0} ms)");
            Assert.Equal(expectedUnread, answer.TotalUnreadCount);
        }
    }

    /// <summary>100,000 messages from 1,000 peers through the real decider and fold; the snapshot is the state after 99,000.</summary>
    private static (List<IConversationEvent> Events, ConversationSetSnapshot Snapshot, long Unread) Generate(ConversationSettings settings)
    {
        var now = Now;
        var start = now - Events - 60_000;
        var set = ConversationSet.Empty("big", settings.DedupeWindow);
        var events = new List<IConversationEvent>(Events);
        ConversationSetSnapshot? snapshot = null;
        for (var i = 0; i < Events; i++)
        {
            var peer = $"peer{i % Peers}";
            var decision = Domain.Fold.Decider.Decide(set, Message(C2C(peer), $"m{i}", peer, start + i, $"message {i}"), now, settings);
            var evt = decision.Event ?? throw new InvalidOperationException($"message {i} recorded nothing: {decision.Refusal}");
            set = set.Apply(evt);
            events.Add(evt);
            if (i + 1 == SnapshotAt)
            {
                snapshot = ConversationSetSnapshot.Of(set);
            }
        }

        return (events, snapshot!, ListQueries.TotalUnread(set, now, settings.RetentionMs));
    }

    private static async Task WriteAsync(TestNode node, string user, List<IConversationEvent> events, ConversationSetSnapshot? snapshot)
    {
        var writer = node.System.ActorOf(Props.Create(() => new JournalWriter(ConversationSetActor.PersistencePrefix + user)));
        var timeout = TimeSpan.FromMinutes(2);
        for (var offset = 0; offset < events.Count; offset += Batch)
        {
            await writer.Ask<long>(new JournalWriter.Write(events.GetRange(offset, Batch)), timeout);
            if (snapshot is not null && offset + Batch == SnapshotAt)
            {
                await writer.Ask<long>(new JournalWriter.Snapshot(snapshot), timeout);
            }
        }

        await writer.GracefulStop(timeout);
    }

    /// <summary>Starts another entity of the same shard, so the timing holds recovery alone, not shard allocation.</summary>
    private static async Task WarmUpShardOfAsync(TestNode node, string user)
    {
        var extractor = new EntityMessageExtractor(node.Settings.ShardCount);
        var shard = extractor.ShardId(user, null);
        var neighbour = Enumerable.Range(0, 10_000).Select(i => $"warm-{i}").First(id => extractor.ShardId(id, null) == shard);
        await node.Regions.Conversations.Ask<TotalUnreadAnswer>(new GetTotalUnread(neighbour), TimeSpan.FromSeconds(30));
    }
}
