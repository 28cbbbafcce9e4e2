using System.Diagnostics;
using System.Text.Json;

namespace ConversationActors.TestSupport.Torture;

/// <summary>The live conversation-set entities the cluster reported at one moment of the run.</summary>
/// <param name="Seconds">Since the run started.</param>
/// <param name="Entities">The sum over every node of <c>/v1/admin/cluster</c>'s conversations entity counts.</param>
public sealed record EntitySample(double Seconds, int Entities);

/// <summary>
/// Samples the live conversation-set entities every second during a run (<c>GET /v1/admin/cluster</c> on the first node
/// that answers), so the report can show entities starting and passivating: a count that drops between two samples
/// means entities stopped (passivation, or a node going down).
/// </summary>
public static class EntitySampler
{
    /// <summary>Samples until <paramref name="stop"/> is cancelled; a node that does not answer is skipped for that sample.</summary>
    public static async Task<IReadOnlyList<EntitySample>> RunAsync(HttpClient http, IReadOnlyList<Uri> nodes, Stopwatch clock, CancellationToken stop)
    {
        var samples = new List<EntitySample>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (await CountAsync(http, nodes, stop) is { } entities)
                {
                    samples.Add(new EntitySample(clock.Elapsed.TotalSeconds, entities));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }

        return samples;
    }

    /// <summary>How many times the count dropped from one sample to the next.</summary>
    public static int Drops(IReadOnlyList<EntitySample> samples) => samples.Zip(samples.Skip(1)).Count(p => p.Item2.Entities < p.Item1.Entities);

    private static async Task<int?> CountAsync(HttpClient http, IReadOnlyList<Uri> nodes, CancellationToken stop)
    {
        foreach (var node in nodes)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop);
                deadline.CancelAfter(TimeSpan.FromSeconds(3));
                await using var body = await http.GetStreamAsync(new Uri(node, "/v1/admin/cluster"), deadline.Token);
                using var answer = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
                if (answer.RootElement.TryGetProperty("data", out var data) &&
                    data.TryGetProperty("sharding", out var sharding) &&
                    sharding.TryGetProperty("conversations", out var conversations) &&
                    conversations.TryGetProperty("nodes", out var regions) && regions.ValueKind == JsonValueKind.Array)
                {
                    return regions.EnumerateArray().Sum(r => r.TryGetProperty("entityCount", out var count) ? count.GetInt32() : 0);
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException)
            {
                // This node does not answer now (down, or busy): ask the next, unless the run has ended.
                if (stop.IsCancellationRequested)
                {
                    return null;
                }
            }
        }

        return null;
    }
}
