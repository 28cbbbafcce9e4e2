using Akka.Actor;
using Akka.Hosting;
using ConversationActors.Actors.Health;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Domain.Profiles;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// The event store's part of readiness (issue #19). While the entities see the store answer, Healthy. During an outage,
/// Degraded (HTTP 200, status "Degraded", the cause in the description): the node still answers reads from entities in
/// memory, so a load balancer should keep it; monitoring alerts on the status or on
/// <c>conversation_actors_store_available</c>. It recovers by itself: while degraded, each check (at most one per
/// <see cref="ProbeInterval"/>) writes through a probe profile entity, and a durable write marks the store available.
/// </summary>
public sealed class StoreReadyCheck(ActorSystem system, IReadOnlyActorRegistry registry) : IHealthCheck
{
    /// <summary>Not a valid userID (it has a space), so it never collides with a user.</summary>
    public const string ProbeProfile = "store probe";

    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private long _lastProbe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = StoreHealth.Get(system);
        if (health.Current is { } outage && registry.TryGet<UserProfilesRegion>(out var userProfiles) && ProbeDue())
        {
            await ProbeAsync(userProfiles, cancellationToken);
        }

        return health.Current is { } still
            ? HealthCheckResult.Degraded($"the event store is unavailable since {still.Since:O} ({still.Cause}); writes answer 503 STORE_UNAVAILABLE, reads of entities in memory go on")
            : HealthCheckResult.Healthy("the event store answers");
    }

    private bool ProbeDue()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastProbe);
        return now - last >= ProbeInterval.TotalMilliseconds && Interlocked.CompareExchange(ref _lastProbe, now, last) == last;
    }

    private static async Task ProbeAsync(IActorRef userProfiles, CancellationToken cancellationToken)
    {
        try
        {
            // A real write: the probe's nickname is the time, so every probe changes it and is persisted.
            var patch = new UserProfilePatch(["nickname"], DateTimeOffset.UtcNow.ToString("O"), null, null);
            await userProfiles.Ask<object>(new UpdateUserProfile(ProbeProfile, patch), TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (AskTimeoutException)
        {
            // Still unavailable: the check reports the outage.
        }
    }
}
