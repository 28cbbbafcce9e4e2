using Akka.Actor;
using Akka.Cluster.Sharding;
using ConversationActors.Actors.Entities;

namespace ConversationActors.Actors.Sharding;

/// <summary>
/// The three sharded entity types and how a node starts them (hosting) or only proxies to them (gateway-only role), with
/// the <see cref="System"/> they run in (where a change stream's subscriber is started).
/// </summary>
public sealed record ShardRegions(ActorSystem System, IActorRef Conversations, IActorRef UserProfiles, IActorRef GroupProfiles)
{
    public const string ConversationsType = "conversations";
    public const string UserProfilesType = "user-profiles";
    public const string GroupProfilesType = "group-profiles";

    /// <summary>Starts the regions on this node; entities live here when <paramref name="role"/> matches (null: every node).</summary>
    public static async Task<ShardRegions> StartAsync(ActorSystem system, EntitySettings settings, int shardCount, string? role)
    {
        var sharding = ClusterSharding.Get(system);
        Health.StoreHealth.Get(system); // store outages: logged once, stopped entities' requests answered at once
        var shardingSettings = ClusterShardingSettings.Create(system).WithRole(role);
        var extractor = new EntityMessageExtractor(shardCount);
        var conversations = ConversationSetActor.ShardedProps(settings);
        return new ShardRegions(
            system,
            await sharding.StartAsync(ConversationsType, _ => conversations, shardingSettings, extractor),
            await sharding.StartAsync(UserProfilesType, id => UserProfileActor.Props(id, settings), shardingSettings, extractor),
            await sharding.StartAsync(GroupProfilesType, id => GroupProfileActor.Props(id, settings), shardingSettings, extractor));
    }

    /// <summary>For a gateway-only node: proxies to the regions hosted on nodes with <paramref name="role"/>.</summary>
    public static async Task<ShardRegions> StartProxiesAsync(ActorSystem system, int shardCount, string? role)
    {
        var sharding = ClusterSharding.Get(system);
        var extractor = new EntityMessageExtractor(shardCount);
        return new ShardRegions(
            system,
            // A null role means "any node": the proxy API is annotated non-null but accepts it.
            await sharding.StartProxyAsync(ConversationsType, role!, extractor),
            await sharding.StartProxyAsync(UserProfilesType, role!, extractor),
            await sharding.StartProxyAsync(GroupProfilesType, role!, extractor));
    }
}
