using Akka.Actor;
using Akka.Cluster.Sharding;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Services;
using ConversationActors.Actors.Sharding;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// One cluster node as the gateway builds it: config/*.conf through <see cref="AkkaConfigLoader"/>, the
/// SQLite file prepared by <see cref="SqliteStore"/>, a cluster of one that joins itself, the three shard
/// regions and <see cref="ShardedConversationService"/> over them. Disposing terminates the ActorSystem,
/// so a new node on the same file is a real restart.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private TestNode(ActorSystem system, NodeSettings settings, ShardRegions regions)
    {
        System = system;
        Settings = settings;
        Regions = regions;
        Service = new ShardedConversationService(regions, settings.AskTimeout);
    }

    /// <summary>config/ copied next to the test binaries (see the csproj).</summary>
    public static string ConfigDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "config");

    public ActorSystem System { get; }

    public NodeSettings Settings { get; }

    public ShardRegions Regions { get; }

    public ShardedConversationService Service { get; }

    /// <param name="connectionString">The SQLite file of this node.</param>
    /// <param name="hocon">Overrides on top of config/*.conf, e.g. <c>conversation-actors.snapshot-every = 7</c>.</param>
    /// <param name="time">The entities' clock (default: the system's).</param>
    public static async Task<TestNode> StartAsync(string connectionString, string hocon = "", TimeProvider? time = null)
    {
        var config = AkkaConfigLoader.Load(ConfigDirectory, $"""
            akka.loglevel = WARNING
            # CI shares 2 cores with other builds; a loaded machine must not turn into a TIMEOUT failure.
            conversation-actors.ask-timeout = 15s
            conversation-actors.sqlite.connection-string = "{connectionString}"
            {hocon}
            """);
        var system = SqliteStore.CreateSystem("conversation-actors", config);
        try
        {
            ClusterStartup.JoinSelfWithoutSeeds(system);
            await ClusterStartup.WhenUpAsync(system).WaitAsync(TimeSpan.FromSeconds(30));
            var settings = NodeSettings.From(system.Settings.Config, time ?? TimeProvider.System);
            var regions = await ShardRegions.StartAsync(system, settings.Entities, settings.ShardCount, settings.EntityRole);

            // Ready means an entity of each region answered: the coordinators run and the journal tables exist. The cold
            // start (JIT, table creation) then never counts against a test's ask-timeout.
            await WarmUpAsync(regions);
            return new TestNode(system, settings, regions);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    private static async Task WarmUpAsync(ShardRegions regions)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                var timeout = TimeSpan.FromSeconds(10);
                await Task.WhenAll(
                    regions.Conversations.Ask<TotalUnreadAnswer>(new GetTotalUnread("warm-up"), timeout),
                    regions.UserProfiles.Ask<UserProfileAnswer>(new GetUserProfile("warm-up"), timeout),
                    regions.GroupProfiles.Ask<GroupProfileAnswer>(new GetGroupProfile("warm-up"), timeout));
                return;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
                // A starved machine: ask again until the deadline.
            }
        }
    }

    /// <summary>The entity IDs the conversations region holds on this node right now.</summary>
    public Task<IReadOnlySet<string>> LiveConversationEntitiesAsync() => LiveEntitiesAsync(Regions.Conversations);

    public Task<IReadOnlySet<string>> LiveUserProfileEntitiesAsync() => LiveEntitiesAsync(Regions.UserProfiles);

    private static async Task<IReadOnlySet<string>> LiveEntitiesAsync(IActorRef region)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.SelectMany(shard => shard.EntityIds).ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        await System.WhenTerminated;
    }
}
