using System.Diagnostics;

namespace ConversationActors.Bench.Load;

/// <summary>
/// What to run: <see cref="Concurrency"/> workers, each sending its next request as soon as the previous
/// one is answered (closed loop), until <see cref="Count"/> requests were sent or <see cref="Duration"/> is over.
/// With <see cref="Rate"/> (requests/s) the loop is open: request i is due at start + i/rate; when it goes out late
/// because every worker was busy, its latency counts from that due time, so a slow answer is not hidden by the requests
/// it delayed (a worker that slept until the due time counts from when it actually sent).
/// </summary>
public sealed record LoadSpec(int Concurrency, TimeSpan? Duration = null, long? Count = null, double? Rate = null)
{
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        if (Duration is null && Count is null)
        {
            throw new ArgumentException("give a duration or a count");
        }

        if (Rate is <= 0)
        {
            throw new ArgumentException("rate must be positive");
        }
    }
}

/// <summary>The outcome of one run: answered requests, failures, wall time and latencies in milliseconds.</summary>
public sealed record LoadResult(long Ok, long Errors, TimeSpan Elapsed, double[] LatenciesMs, string? FirstError)
{
    /// <summary>With a kind function: the sorted latencies of each kind of request (index = kind), e.g. reads and writes of a mixed load.</summary>
    public IReadOnlyList<double[]> LatenciesByKind { get; init; } = [];

    public double RequestsPerSecond => Elapsed.TotalSeconds > 0 ? Ok / Elapsed.TotalSeconds : 0;

    public double P50 => LatencyStats.Percentile(LatenciesMs, 50);

    public double P99 => LatencyStats.Percentile(LatenciesMs, 99);
}

/// <summary>A small fixed-concurrency HTTP load client; each worker awaits its answer and reads the whole body.</summary>
public static class LoadClient
{
    /// <summary>An HttpClient with enough pooled connections for <paramref name="concurrency"/> workers.</summary>
    public static HttpClient CreateClient(Uri baseAddress, int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, concurrency),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <param name="client">Shared by the workers.</param>
    /// <param name="request">Builds request number i (0-based, across all workers).</param>
    /// <param name="isOk">Judges an answer (status and body); default: a 2xx status.</param>
    /// <param name="kindOf">The kind (0, 1, …) of request i, when latencies are reported per kind (a mixed load).</param>
    public static async Task<LoadResult> RunAsync(
        HttpClient client,
        LoadSpec spec,
        Func<long, HttpRequestMessage> request,
        Func<HttpResponseMessage, byte[], bool>? isOk = null,
        CancellationToken cancellationToken = default,
        Func<long, int>? kindOf = null)
    {
        spec.Validate();
        isOk ??= static (response, _) => response.IsSuccessStatusCode;
        long next = -1;
        long ok = 0;
        long errors = 0;
        string? firstError = null;
        var latencies = new List<double>[spec.Concurrency];
        var byKind = new List<(int Kind, double Ms)>[spec.Concurrency];
        var clock = Stopwatch.StartNew();
        var deadline = spec.Duration;
        var tickMs = 1000.0 / Stopwatch.Frequency;

        async Task Worker(int w)
        {
            var mine = latencies[w] = new List<double>(1024);
            var mineByKind = byKind[w] = [];
            while (!cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (spec.Count is { } count && i >= count)
                {
                    return;
                }

                long startTicks;
                if (spec.Rate is { } rate)
                {
                    var dueMs = i * 1000.0 / rate;
                    if (deadline is { } d && dueMs >= d.TotalMilliseconds)
                    {
                        return;
                    }

                    // Behind schedule (every worker was busy): latency counts from the due time, so queueing for the
                    // server is in it (no coordinated omission). Ahead of it: the worker sleeps, and counts from when it
                    // sends, so its own timer waking late (a millisecond or more on a busy machine) is not charged to the server.
                    var wait = dueMs - clock.Elapsed.TotalMilliseconds;
                    if (wait > 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
                        startTicks = clock.ElapsedTicks;
                    }
                    else
                    {
                        startTicks = (long)(dueMs / tickMs);
                    }
                }
                else
                {
                    if (deadline is { } d && clock.Elapsed >= d)
                    {
                        return;
                    }

                    startTicks = clock.ElapsedTicks;
                }

                try
                {
                    using var message = request(i);
                    using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    var elapsed = (clock.ElapsedTicks - startTicks) * tickMs;
                    if (isOk(response, body))
                    {
                        mine.Add(elapsed);
                        if (kindOf is not null)
                        {
                            mineByKind.Add((kindOf(i), elapsed));
                        }

                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {Truncate(System.Text.Encoding.UTF8.GetString(body))}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, spec.Concurrency).Select(w => Task.Run(() => Worker(w), cancellationToken)));
        var elapsedAll = clock.Elapsed;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        var kinds = byKind.Where(l => l is not null).SelectMany(l => l).ToLookup(k => k.Kind, k => k.Ms);
        var sortedByKind = Enumerable.Range(0, kinds.Count == 0 ? 0 : kinds.Max(k => k.Key) + 1)
            .Select(k => kinds[k].Order().ToArray()).ToArray();
        return new LoadResult(ok, errors, elapsedAll, all, firstError) { LatenciesByKind = sortedByKind };
    }

    /// <summary>True when the body is the service's success envelope (<c>{"code":0,...</c>).</summary>
    public static bool IsEnvelopeOk(HttpResponseMessage response, byte[] body) =>
        response.IsSuccessStatusCode && body.AsSpan().StartsWith("{\"code\":0,"u8);

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
