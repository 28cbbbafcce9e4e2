using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Serialization;
using ConversationActors.Actors.Sharding;
using ConversationActors.Gateway.Hosting;
using Envelope = ConversationActors.Gateway.Http.Envelope;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// SPEC 6: <c>GET /v1/admin/cluster</c> — this node's view of the cluster: members (address, status,
/// roles, reachability, up since, the release each announces as <c>akka.cluster.app-version</c>), the leader, per entity type the shards and entities each node
/// hosts (ClusterSharding statistics), and this node's health: whether its event store answers and which of its
/// entities failed for a reason of their own (issue 26). Admin-only, like every endpoint not marked otherwise (AccessPolicy).
/// </summary>
public static class AdminApi
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var upTimes = new MemberUpTimes();
        if (app is IHost host)
        {
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            lifetime.ApplicationStarted.Register(() => upTimes.Start(host.Services.GetRequiredService<ActorSystem>()));
        }

        app.MapGroup("/v1/admin").WithTags("Admin")
            .MapGet("/cluster", async (ActorSystem system, IServiceProvider services, CancellationToken ct) =>
            {
                upTimes.Start(system);
                var state = Cluster.Get(system).State;
                var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
                var members = state.Members
                    .Select(m => new ClusterMemberDto(
                        m.Address.ToString(),
                        m.Status.ToString(),
                        m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray(),
                        !unreachable.Contains(m.UniqueAddress),
                        upTimes.UpSince(m.UniqueAddress),
                        m.AppVersion.ToString()))
                    .ToArray();
                var regions = await ShardRegions.ResolveAsync(services, ct).WaitAsync(StatsTimeout, ct);
                var sharding = new Dictionary<string, EntityTypeStatsDto>
                {
                    [ShardRegions.ConversationsType] = await StatsAsync(regions.Conversations, ct),
                    [ShardRegions.UserProfilesType] = await StatsAsync(regions.UserProfiles, ct),
                    [ShardRegions.GroupProfilesType] = await StatsAsync(regions.GroupProfiles, ct),
                };
                return Envelope.Ok(new ClusterStatusDto(
                    Cluster.Get(system).SelfAddress.ToString(),
                    state.Leader?.ToString(),
                    members,
                    sharding,
                    NodeHealthDto.Of(system),
                    FormatRelease.Of(Cluster.Get(system), services.GetRequiredService<NodeSettings>().FormatRelease).ToString()));
            })
            .WithName("GetClusterStatus")
            .WithSummary("Members, leader, and the shards and entities each node hosts.");
        return app;
    }

    private static async Task<EntityTypeStatsDto> StatsAsync(IActorRef region, CancellationToken ct)
    {
        try
        {
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1), ct);
            var nodes = stats.Regions
                .OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                .Select(r => new NodeShardsDto(
                    r.Key.ToString(),
                    r.Value.Stats.Count,
                    r.Value.Stats.Values.Sum(),
                    r.Value.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value)))
                .ToArray();
            return new EntityTypeStatsDto(nodes, null);
        }
        catch (AskTimeoutException)
        {
            return new EntityTypeStatsDto([], $"the shard regions did not answer within {StatsTimeout.TotalSeconds:0} s");
        }
    }
}

/// <summary>
/// The answer of <c>GET /v1/admin/cluster</c>; <c>health</c> is the answering node's own; <c>formatRelease</c> is the
/// release whose formats this node writes (<see cref="FormatRelease"/>: during a rolling deploy the previous release's,
/// until every member runs this one). Added last, so older clients still parse the answer.
/// </summary>
public sealed record ClusterStatusDto(
    string Self,
    string? Leader,
    IReadOnlyList<ClusterMemberDto> Members,
    IReadOnlyDictionary<string, EntityTypeStatsDto> Sharding,
    NodeHealthDto Health,
    string? FormatRelease = null);

/// <summary>
/// One member; <c>upSince</c> is when this node first saw it Up (see <see cref="MemberUpTimes"/>); <c>appVersion</c> is
/// the release it announced when it joined (Akka's <c>Member.AppVersion</c>, from <c>akka.cluster.app-version</c>):
/// during a rolling upgrade the members differ in it (issue 31). Added last, so older clients still parse the answer.
/// </summary>
public sealed record ClusterMemberDto(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, DateTimeOffset? UpSince, string AppVersion);

/// <summary>One entity type's distribution; <c>error</c> says why it is missing (a fail-over in progress).</summary>
public sealed record EntityTypeStatsDto(IReadOnlyList<NodeShardsDto> Nodes, string? Error);

/// <summary>The shards one node hosts and their live entity counts (shard id → entities).</summary>
public sealed record NodeShardsDto(string Address, int ShardCount, int EntityCount, IReadOnlyDictionary<string, int> Shards);
