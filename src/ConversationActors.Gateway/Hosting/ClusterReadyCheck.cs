using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConversationActors.Gateway.Hosting;

/// <summary>Ready when this node is Up in the cluster and its conversation shard region answers.</summary>
public sealed class ClusterReadyCheck(ActorSystem system, RegionsHolder holder) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = Cluster.Get(system).SelfMember.Status;
        if (status != MemberStatus.Up)
        {
            return HealthCheckResult.Unhealthy($"cluster member status is {status}");
        }

        if (!holder.Regions.IsCompletedSuccessfully)
        {
            return HealthCheckResult.Unhealthy("shard regions not started");
        }

        try
        {
            await holder.Regions.Result.Conversations.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy("Up; shard region answers");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy("the shard region did not answer within 2 s");
        }
    }
}
