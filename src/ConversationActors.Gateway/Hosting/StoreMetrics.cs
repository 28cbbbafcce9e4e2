using System.Diagnostics.Metrics;
using Akka.Actor;
using ConversationActors.Actors.Health;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// <c>conversation_actors_store_available</c> (1 while the entities see the event store answer, 0 during an outage) and
/// <c>conversation_actors_store_outage_seconds</c> (the current outage's length, 0 when none): what an operator alerts on.
/// Apart from them (issue 26), <c>conversation_actors_entity_faulted</c> (entities failing on their own data or code now)
/// and <c>conversation_actors_entity_faults_total</c> (such failures since the node started): one user's bad data, not an outage.
/// </summary>
public sealed class StoreMetrics : IDisposable
{
    public const string MeterName = "ConversationActors.Store";

    private readonly Meter _meter = new(MeterName);

    /// <summary>The ActorSystem is read when the gauges are observed (at a scrape, after the host started it).</summary>
    public StoreMetrics(IServiceProvider services)
    {
        StoreHealth Health() => StoreHealth.Get(services.GetRequiredService<ActorSystem>());
        _meter.CreateObservableGauge("conversation_actors.store.available", () => Health().IsAvailable ? 1 : 0, description: "1 while the event store answers, 0 during an outage");
        _meter.CreateObservableGauge(
            "conversation_actors.store.outage",
            () => Health().Current is { } outage ? (DateTimeOffset.UtcNow - outage.Since).TotalSeconds : 0,
            "s",
            "Length of the current event store outage");
        EntityFaults Faults() => EntityFaults.Get(services.GetRequiredService<ActorSystem>());
        _meter.CreateObservableGauge("conversation_actors.entity.faulted", () => Faults().Count, "{entity}", "Entities failing on their own data or code now (each affects one user)");
        _meter.CreateObservableCounter("conversation_actors.entity.faults", () => Faults().Total, "{fault}", "Entity recoveries or writes that failed for a reason of the entity's own");
    }

    public void Dispose() => _meter.Dispose();
}
