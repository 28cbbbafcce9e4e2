using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// The cluster as this node sees it (issue 31), read from Akka's membership at each scrape:
/// <c>conversation_actors_cluster_members{app_version, status}</c> (members by the release each announced as
/// <c>akka.cluster.app-version</c> and by membership status: during a rolling upgrade two releases show) and
/// <c>conversation_actors_cluster_unreachable_members</c> (members this node's failure detector marks unreachable; the
/// split brain resolver downs them after <c>stable-after</c>, so one that stays is what an operator alerts on).
/// </summary>
public sealed class ClusterMetrics : IDisposable
{
    public const string MeterName = "ConversationActors.Cluster";

    private readonly Meter _meter = new(MeterName);

    /// <summary>The ActorSystem is read when the gauges are observed (at a scrape, after the host started it).</summary>
    public ClusterMetrics(IServiceProvider services)
    {
        ClusterEvent.CurrentClusterState State() => Cluster.Get(services.GetRequiredService<ActorSystem>()).State;
        _meter.CreateObservableGauge(
            "conversation_actors.cluster.members",
            () => State().Members
                .GroupBy(m => (Version: m.AppVersion.ToString(), Status: m.Status.ToString()))
                .Select(g => new Measurement<int>(
                    g.Count(),
                    new KeyValuePair<string, object?>("app_version", g.Key.Version),
                    new KeyValuePair<string, object?>("status", g.Key.Status))),
            "{member}",
            "Cluster members this node knows, by the release each announced (akka.cluster.app-version) and membership status");
        _meter.CreateObservableGauge(
            "conversation_actors.cluster.unreachable_members",
            () => State().Unreachable.Count,
            "{member}",
            "Cluster members this node's failure detector marks unreachable");
    }

    public void Dispose() => _meter.Dispose();
}
