using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using ConversationActors.Bench.Load;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #14 (6): a soak. A gateway on SQLite with <c>passivate-after = 30s</c>; up to 64 clients touch a new user with
/// every request (nine in ten read the user's total unread, which starts and recovers its entity; one in ten writes a
/// message to it), paced so that <see cref="Target"/> distinct users spread over the whole duration (an open loop at
/// target ÷ duration requests/s), so entities start, idle and passivate all along. Every 5 s the server's GC heap (now,
/// and as the last collection left it) and working set are sampled; any answer that is not a success fails the soak.
/// </summary>
public static class Soak
{
    public const int Target = 1_000_000;

    /// <param name="Seconds">Time spent.</param>
    /// <param name="Users">Distinct users touched.</param>
    /// <param name="Samples">Every 5 s: seconds since start, users touched, GC heap bytes, working set bytes.</param>
    public sealed record Result(double Seconds, long Users, long Writes, double P99, IReadOnlyList<Sample> Samples, string PassivateAfter)
    {
        /// <summary>The live heap at a third, two thirds and the end of the run: after a forced full compacting collection.</summary>
        public IReadOnlyList<LiveHeap> LiveHeaps { get; init; } = [];
    }

    /// <param name="HeapBytes">The GC heap right after a forced full, blocking, compacting collection (live data only).</param>
    public sealed record LiveHeap(double Seconds, long Users, long HeapBytes, long WorkingSetBytes);

    /// <param name="HeapAfterGcBytes">The GC heap as the last collection left it (live data plus fragmentation, no garbage).</param>
    public sealed record Sample(double Seconds, long Users, long HeapBytes, long WorkingSetBytes, long HeapAfterGcBytes = 0);

    public static async Task<Result> RunAsync(Uri server, int serverPid, TimeSpan duration, int target)
    {
        using var client = LoadClient.CreateClient(server, 64);
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        long touched = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                samples.Add(await SampleAsync(client, clock, Interlocked.Read(ref touched), serverPid));
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), done.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        // Each message stamped when it is sent: a million requests take longer than the 5 minutes a timestamp may lead.
        // A full collection at a third and at two thirds of the run (and one at the end): the live heap, without the
        // garbage a sample between full collections carries.
        var liveHeaps = new List<LiveHeap>();
        var checkpoints = Task.Run(async () =>
        {
            foreach (var at in new[] { duration / 3, duration * 2 / 3 })
            {
                var wait = at - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, done.Token);
                }

                liveHeaps.Add(await LiveHeapAsync(client, clock, Interlocked.Read(ref touched)));
            }
        });
        var rate = target / duration.TotalSeconds;
        var run = await LoadClient.RunAsync(client, new LoadSpec(64, Duration: duration, Count: target, Rate: rate), i =>
        {
            Interlocked.Increment(ref touched);
            var user = $"soak-u{i}";
            return i % 10 == 0
                ? new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{user}/conversations/C2Cpeer/messages")
                {
                    Content = new StringContent($$"""{"msgID":"s{{i}}","senderID":"peer","timestamp":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"summary":"soak"}""", Encoding.UTF8, "application/json"),
                }
                : new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/unread");
        }, LoadClient.IsEnvelopeOk);
        await done.CancelAsync();
        await sampler;
        try
        {
            await checkpoints;
        }
        catch (OperationCanceledException)
        {
            // The run ended before a checkpoint was due (a smoke run stops at its user count).
        }

        samples.Add(await SampleAsync(client, clock, run.Ok, serverPid));
        liveHeaps.Add(await LiveHeapAsync(client, clock, run.Ok));
        var figure = Figure.Of("soak", [run]);
        return new Result(clock.Elapsed.TotalSeconds, run.Ok, run.Ok / 10, figure.P99, samples, "30s") { LiveHeaps = liveHeaps };
    }

    /// <summary>The server's GC heap without forcing a collection (now, garbage included; and after the last collection).</summary>
    private static async Task<Sample> SampleAsync(HttpClient client, Stopwatch clock, long users, int serverPid)
    {
        var heap = await client.GetFromJsonAsync<HeapAnswer>("/bench/heap") ?? throw new InvalidOperationException("no /bench/heap answer");
        return new Sample(clock.Elapsed.TotalSeconds, users, heap.HeapBytes, WorkingSet(serverPid), heap.HeapAfterLastGcBytes);
    }

    private static long WorkingSet(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WorkingSet64;
        }
        catch (ArgumentException)
        {
            return 0;
        }
    }

    private static async Task<LiveHeap> LiveHeapAsync(HttpClient client, Stopwatch clock, long users)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        using var response = await client.PostAsync("/bench/gc", null);
        var heap = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<GcAnswer>() ?? throw new InvalidOperationException("no /bench/gc answer");
        return new LiveHeap(seconds, users, heap.HeapBytes, heap.WorkingSet);
    }

    private sealed record HeapAnswer(long HeapBytes, long HeapAfterLastGcBytes);

    private sealed record GcAnswer(long HeapBytes, long WorkingSet);
}
