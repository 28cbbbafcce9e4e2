using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using ConversationActors.Actors.Journal;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// Ready when this node is Up in the cluster and its conversation shard region answers. The first
/// time, it also recovers a probe entity through the region: that opens the journal and snapshot
/// store (creating tables on a new database), so the first real write does not pay for it; and it opens the read
/// journal (<see cref="JournalReader"/>), whose construction waits on the journal: on a node that starts under load
/// (a rolling deploy, issue 31) the first requests needing it no longer pay for it, or time out on it.
/// </summary>
public sealed class ClusterReadyCheck(ActorSystem system, IReadOnlyActorRegistry registry, IServiceProvider services) : IHealthCheck
{
    /// <summary>Not a valid userID (it has a space), so it never collides with a user.</summary>
    public const string ProbeEntity = "readiness probe";

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);
    private volatile bool _warmedUp;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Cluster.Get(system).SelfMember.Status;
        if (status != MemberStatus.Up)
        {
            return HealthCheckResult.Unhealthy($"cluster member status is {status}");
        }

        if (!registry.TryGet<ConversationsRegion>(out var conversations))
        {
            return HealthCheckResult.Unhealthy("shard regions not started");
        }

        try
        {
            await conversations.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(2), cancellationToken);
            if (!_warmedUp)
            {
                if (await conversations.Ask<object>(new GetTotalUnread(ProbeEntity), ProbeTimeout, cancellationToken) is CommandRefused refused)
                {
                    return HealthCheckResult.Unhealthy("the warm-up probe was refused: " + refused.Desc);
                }

                _ = services.GetRequiredService<JournalReader>();
                _warmedUp = true;
            }

            return HealthCheckResult.Healthy("Up; shard region answers");
        }
        catch (Exception e) when (e is AskTimeoutException or AggregateException { InnerException: AskTimeoutException })
        {
            return HealthCheckResult.Unhealthy(_warmedUp ? "the shard region did not answer within 2 s" : "the store did not answer the warm-up probe yet");
        }
    }
}
