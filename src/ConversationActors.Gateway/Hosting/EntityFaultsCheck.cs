using Akka.Actor;
using ConversationActors.Actors.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// The entities' part of readiness (issue 26), apart from the store's (<see cref="StoreReadyCheck"/>): Healthy while no
/// entity of this node has failed for a reason of its own; Degraded (HTTP 200, the node still serves every other user)
/// naming how many have and the most recent, so monitoring tells one user's bad data from a store outage.
/// </summary>
public sealed class EntityFaultsCheck(ActorSystem system) : IHealthCheck
{
    private const int Named = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var faults = EntityFaults.Get(system);
        if (faults.IsEmpty)
        {
            return Task.FromResult(HealthCheckResult.Healthy("no entity has failed on its own"));
        }

        var named = string.Join("; ", faults.Current(Named).Select(f => $"{f.PersistenceId}: {f.What} failed {f.Failures}x ({f.Cause})"));
        return Task.FromResult(HealthCheckResult.Degraded(
            $"{faults.Count} entities fail on their own data or code, each answering 503 for its user only (the store is not the cause): {named}"));
    }
}
