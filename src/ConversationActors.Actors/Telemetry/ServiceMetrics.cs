using System.Diagnostics.Metrics;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Telemetry;

/// <summary>
/// The service's own metrics (meter "ConversationActors"), exported at /metrics: what the cluster was
/// asked, how it answered, and how long it took.
/// </summary>
public static class ServiceMetrics
{
    public const string MeterName = "ConversationActors";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "conversation_actors.writes", "{write}", "Writes answered by entities, by outcome (applied, unchanged, refused code)");

    private static readonly Histogram<double> AskDuration = Meter.CreateHistogram(
        "conversation_actors.ask.duration",
        "s",
        "Time from Ask to answer, by request kind and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> ChangesSentCounter = Meter.CreateCounter<long>(
        "conversation_actors.changes.sent", "{message}", "Change messages entities of this node sent to registered streams (one per event and stream)");

    private static readonly Counter<long> ChangesReceivedCounter = Meter.CreateCounter<long>(
        "conversation_actors.changes.received", "{message}", "Change messages the streams of this node received from entities");

    private static readonly Counter<long> RedeliveredCounter = Meter.CreateCounter<long>(
        "conversation_actors.sharding.redelivered",
        "{request}",
        "Entity requests sent again through the shard region after they were dropped unhandled (a hand-off, a stopped entity), by request kind");

    /// <summary>A request that was dropped unhandled was sent again through the shard region (<c>StoppedEntityAnswers</c>).</summary>
    public static void Redelivered(string kind) => RedeliveredCounter.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>An entity sent one event's changes to <paramref name="streams"/> registered streams.</summary>
    public static void ChangesSent(int streams)
    {
        if (streams > 0)
        {
            ChangesSentCounter.Add(streams);
        }
    }

    /// <summary>A stream's subscriber received one event's changes.</summary>
    public static void ChangesReceived() => ChangesReceivedCounter.Add(1);

    public static void Write(string outcome) => Writes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Asked(string kind, TimeSpan elapsed, ErrorCode? error) =>
        AskDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("outcome", error is { } code ? code.ToString() : "ok"));
}
