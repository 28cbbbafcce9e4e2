using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Domain.State;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #9 (4): GC heap (after a full, compacting collection) per active sharded entity. Entities are
/// real ConversationSetActors in real shard regions; their state arrives through the ordinary recovery
/// path from a snapshot store that hands every "full-" user a freshly deserialized snapshot of a set
/// holding 100 conversations (and "idle-" users nothing), so no database sits in the heap and 100,000
/// entities start in seconds. The journal is the in-memory one and stays empty.
/// </summary>
public static class Memory
{
    public sealed record Result(
        int Conversations, int IdleEntities, double IdleBytesPerEntity,
        int SmallCount, double BytesPerEntitySmall, int LargeCount, double BytesPerEntityLarge,
        double BytesPerConversation, long SnapshotBytes, long WorkingSetBytes, double ActivationSeconds)
    {
        /// <summary>Issue #14 (5): bytes per active entity (100 conversations each) as the number of active entities grows.</summary>
        public List<CurvePoint> Curve { get; init; } = [];
    }

    public sealed record CurvePoint(int Entities, double BytesPerEntity);

    public static async Task<Result> RunAsync(string configDir, int idle, int small, int large, int conversations)
    {
        var config = FoldData.Config(configDir, $$"""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "bench.template-snapshot-store"
            bench.template-snapshot-store.class = "{{typeof(TemplateSnapshotStore).AssemblyQualifiedName}}"
            conversation-actors.passivate-after = 1h
            """);
        var settings = NodeSettings.From(config, TimeProvider.System);
        var system = FoldData.System(config);
        var (state, _) = FoldData.Messages("template", conversations, conversations, settings.Fold);
        var snapshot = ConversationSetSnapshot.Of(state);
        var serializer = system.Serialization.FindSerializerFor(snapshot);
        var bytes = serializer.ToBinary(snapshot);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, snapshot);
        TemplateSnapshotStore.Template = () => system.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        ClusterStartup.JoinSelfWithoutSeeds(system);
        await ClusterStartup.WhenUpAsync(system);
        var regions = await ShardRegions.StartAsync(system, settings.Entities, settings.ShardCount, null);
        var region = regions.Conversations;

        await ActivateAsync(region, "warm-", 0, 200);
        await ActivateAsync(region, "warmfull-", 0, 200);
        var heap0 = FullGcHeap();
        await ActivateAsync(region, "idle-", 0, idle);
        var heap1 = FullGcHeap();
        var clock = Stopwatch.StartNew();
        var first = Math.Max(1, small / 10);
        await ActivateAsync(region, "full-", 0, first);
        var heapFirst = FullGcHeap();
        await ActivateAsync(region, "full-", first, small);
        var heap2 = FullGcHeap();
        await ActivateAsync(region, "full-", small, large);
        var activation = clock.Elapsed.TotalSeconds;
        var heap3 = FullGcHeap();
        var workingSet = Environment.WorkingSet;

        var idleBytes = (heap1 - heap0) / (double)idle;
        var smallBytes = (heap2 - heap1) / (double)small;
        var largeBytes = (heap3 - heap1) / (double)large;
        await system.Terminate();
        return new Result(conversations, idle, idleBytes, small, smallBytes, large, largeBytes,
            (largeBytes - idleBytes) / conversations, bytes.LongLength, workingSet, activation)
        {
            Curve = [new(first, (heapFirst - heap1) / (double)first), new(small, smallBytes), new(large, largeBytes)],
        };
    }

    /// <summary>Starts users prefix+from .. prefix+(to-1) with a query each, at most 512 in flight, and checks the answers.</summary>
    private static async Task ActivateAsync(IActorRef region, string prefix, int from, int to)
    {
        using var gate = new SemaphoreSlim(512);
        var full = prefix.Contains("full", StringComparison.Ordinal);
        var tasks = new List<Task>(to - from);
        for (var i = from; i < to; i++)
        {
            await gate.WaitAsync();
            var user = prefix + i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var answer = await region.Ask<TotalUnreadAnswer>(new GetTotalUnread(user), TimeSpan.FromMinutes(2));
                    if (full != answer.TotalUnreadCount > 0)
                    {
                        throw new InvalidOperationException($"{user} answered {answer.TotalUnreadCount} unread");
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
    }

    private static long FullGcHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        Thread.Sleep(200);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(false);
    }
}

/// <summary>A snapshot store for the memory benchmark: "conversations-full-*" get a fresh copy of the template; others none.</summary>
public sealed class TemplateSnapshotStore : SnapshotStore
{
    public static Func<object>? Template { get; set; }

    protected override Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default)
    {
        var full = persistenceId.StartsWith("conversations-full-", StringComparison.Ordinal)
            || persistenceId.StartsWith("conversations-warmfull-", StringComparison.Ordinal);
        return Task.FromResult(full && Template is { } template
            ? new SelectedSnapshot(new SnapshotMetadata(persistenceId, 100, DateTime.UtcNow), template())
            : null);
    }

    protected override Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default) => Task.CompletedTask;

    protected override Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken = default) => Task.CompletedTask;

    protected override Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
