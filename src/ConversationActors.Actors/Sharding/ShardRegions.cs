using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ConversationActors.Actors.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Actors.Sharding;

/// <summary>The <see cref="ActorRegistry"/> key of the conversation sets' shard region (or its proxy).</summary>
public sealed class ConversationsRegion;

/// <summary>The <see cref="ActorRegistry"/> key of the user profiles' shard region (or its proxy).</summary>
public sealed class UserProfilesRegion;

/// <summary>The <see cref="ActorRegistry"/> key of the group profiles' shard region (or its proxy).</summary>
public sealed class GroupProfilesRegion;

/// <summary>
/// The three sharded entity types, with the <see cref="System"/> they run in (where a change stream's subscriber is
/// started). A node started by Akka.Hosting registers them with <see cref="WithShardRegions"/> and resolves them with
/// <see cref="ResolveAsync"/>; the actor tests and the bench, which start an ActorSystem without a host, use
/// <see cref="StartAsync"/>: the same entity props and message extractor either way.
/// </summary>
public sealed record ShardRegions(ActorSystem System, IActorRef Conversations, IActorRef UserProfiles, IActorRef GroupProfiles)
{
    public const string ConversationsType = "conversations";
    public const string UserProfilesType = "user-profiles";
    public const string GroupProfilesType = "group-profiles";

    /// <summary>The entity type (region name) an entity message is routed to: profile requests to the profiles' types, the rest to the conversation sets.</summary>
    public static string TypeNameOf(Protocol.IEntityMessage message) => message switch
    {
        Protocol.UpdateUserProfile or Protocol.GetUserProfile => UserProfilesType,
        Protocol.UpdateGroupProfile or Protocol.GetGroupProfile => GroupProfilesType,
        _ => ConversationsType,
    };

    /// <summary>
    /// Registers the regions with Akka.Hosting (<c>WithShardRegion</c>, or <c>WithShardRegionProxy</c> on a node without
    /// <paramref name="role"/>, a gateway-only node); entities live on nodes with <paramref name="role"/> (null: every node).
    /// </summary>
    public static AkkaConfigurationBuilder WithShardRegions(
        AkkaConfigurationBuilder akka, EntitySettings settings, int shardCount, string? role, bool hostsEntities)
    {
        akka.WithExtension<Health.StoreHealthProvider>(); // store outages: logged once, stopped entities' requests answered at once
        var extractor = new EntityMessageExtractor(shardCount);
        if (!hostsEntities)
        {
            // A null role means "any node": the proxy API is annotated non-null but accepts it.
            return akka
                .WithShardRegionProxy<ConversationsRegion>(ConversationsType, role!, extractor)
                .WithShardRegionProxy<UserProfilesRegion>(UserProfilesType, role!, extractor)
                .WithShardRegionProxy<GroupProfilesRegion>(GroupProfilesType, role!, extractor);
        }

        var options = new ShardOptions { Role = role };
        var conversations = ConversationSetActor.ShardedProps(settings);
        return akka
            .WithShardRegion<ConversationsRegion>(ConversationsType, _ => conversations, extractor, options)
            .WithShardRegion<UserProfilesRegion>(UserProfilesType, id => UserProfileActor.Props(id, settings), extractor, options)
            .WithShardRegion<GroupProfilesRegion>(GroupProfilesType, id => GroupProfileActor.Props(id, settings), extractor, options);
    }

    /// <summary>The regions registered by <see cref="WithShardRegions"/>, once the ActorSystem has started them.</summary>
    public static async Task<ShardRegions> ResolveAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        new(
            services.GetRequiredService<ActorSystem>(),
            await services.GetRequiredService<IRequiredActor<ConversationsRegion>>().GetAsync(cancellationToken),
            await services.GetRequiredService<IRequiredActor<UserProfilesRegion>>().GetAsync(cancellationToken),
            await services.GetRequiredService<IRequiredActor<GroupProfilesRegion>>().GetAsync(cancellationToken));

    /// <summary>Starts the regions on an ActorSystem without a host; entities live here when <paramref name="role"/> matches (null: every node).</summary>
    public static async Task<ShardRegions> StartAsync(ActorSystem system, EntitySettings settings, int shardCount, string? role)
    {
        var sharding = ClusterSharding.Get(system);
        Health.StoreHealth.Get(system);
        var shardingSettings = ClusterShardingSettings.Create(system).WithRole(role);
        var extractor = new EntityMessageExtractor(shardCount);
        var conversations = ConversationSetActor.ShardedProps(settings);
        return new ShardRegions(
            system,
            await sharding.StartAsync(ConversationsType, _ => conversations, shardingSettings, extractor),
            await sharding.StartAsync(UserProfilesType, id => UserProfileActor.Props(id, settings), shardingSettings, extractor),
            await sharding.StartAsync(GroupProfilesType, id => GroupProfileActor.Props(id, settings), shardingSettings, extractor));
    }
}
