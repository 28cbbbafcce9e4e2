using Akka.Actor;
using ConversationActors.Actors.Health;

namespace ConversationActors.Gateway.Apis;

/// <summary>
/// One node's health as <c>GET /v1/admin/cluster</c> shows it (issue 26): its event store (node-wide) apart from the
/// entities that failed for a reason of their own (each affects one user). The same sources feed <c>/health/ready</c>
/// and the metrics.
/// </summary>
public sealed record NodeHealthDto(StoreStatusDto Store, EntityFaultsDto EntityFaults)
{
    /// <summary>Most faulted entities listed; <c>count</c> says how many there are.</summary>
    public const int ListedFaults = 20;

    public static NodeHealthDto Of(ActorSystem system)
    {
        var outage = StoreHealth.Get(system).Current;
        var faults = Actors.Health.EntityFaults.Get(system);
        return new NodeHealthDto(
            new StoreStatusDto(outage is null, outage?.Since, outage?.Cause),
            new EntityFaultsDto(
                faults.Count,
                faults.Total,
                faults.Current(ListedFaults).Select(f => new EntityFaultDto(f.PersistenceId, f.What, f.Cause, f.Failures, f.Since, f.RetryAt)).ToArray()));
    }
}

/// <summary>Whether the event store answers; during an outage, since when (UTC) and the first failure's cause.</summary>
public sealed record StoreStatusDto(bool Available, DateTimeOffset? Since, string? Cause);

/// <summary>Entities faulted now (<c>count</c>), faults since the node started (<c>total</c>), the most recent ones.</summary>
public sealed record EntityFaultsDto(int Count, long Total, IReadOnlyList<EntityFaultDto> Entities);

/// <summary>One faulted entity: what failed ("recovery", "write") and why, how often in a row since when, and when it is retried (UTC).</summary>
public sealed record EntityFaultDto(string PersistenceId, string What, string Cause, int Failures, DateTimeOffset Since, DateTimeOffset RetryAt);
