using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using ConversationActors.Bench.Load;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue #15, part 4, over HTTP against a gateway serving the journals <see cref="HistorySeed"/> wrote: change-feed
/// connect time and per-stream memory by journal length, resumes, time travel, and 1,000 concurrent streams.
/// </summary>
public static class HistoryScenarios
{
    /// <param name="Events">The user's journal length.</param>
    /// <param name="FirstConnectMs">The first stream of the user (its entity recovers from its latest snapshot first).</param>
    /// <param name="ConnectP50Ms">Median over the following connects: request to the first frame with data (the current total).</param>
    /// <param name="BytesPerStream">Server heap per open stream (full collections before and after opening them).</param>
    /// <param name="RecentResumeMs">Resume 100 events back (inside the entity's change history): request to the first change.</param>
    /// <param name="OldResumeMs">Resume half the journal back (read from the journal, from the snapshot before it).</param>
    /// <param name="AsOfMs">GET …/conversations?asOfSeq=(middle)&amp;count=100, median.</param>
    public sealed record Row(int Events, double FirstConnectMs, double ConnectP50Ms, long BytesPerStream, double RecentResumeMs, double OldResumeMs, double AsOfMs);

    /// <param name="Streams">Streams opened, one per user.</param>
    /// <param name="BytesPerStream">Server heap per open stream at this scale.</param>
    /// <param name="Writes">Messages written to those users during the run.</param>
    /// <param name="ItemsPerSecond">Change frames (with data) delivered to the streams per second.</param>
    /// <param name="CutOffs">Streams the server ended before the run was over (a client that reads too slowly is cut off).</param>
    public sealed record ConcurrentResult(int Streams, long BytesPerStream, long Writes, double ItemsPerSecond, int CutOffs, double Seconds);

    public sealed record Result(IReadOnlyList<Row> Rows, ConcurrentResult Concurrent);

    public static async Task<Result> RunAsync(Uri server, HistorySeed.Result seeded, bool smoke)
    {
        using var client = LoadClient.CreateClient(server, 2000);
        client.Timeout = Timeout.InfiniteTimeSpan;
        var rows = new List<Row>();
        var connects = smoke ? 3 : 10;
        var perStream = smoke ? 20 : 200;
        foreach (var user in seeded.Users)
        {
            var first = await TimeToFirstDataAsync(client, user.UserID, null);
            var times = new List<double>();
            for (var i = 0; i < connects; i++)
            {
                times.Add(await TimeToFirstDataAsync(client, user.UserID, null));
            }

            var bytesPerStream = await HeapPerStreamAsync(client, Enumerable.Repeat(user.UserID, perStream).ToArray());
            var recent = await TimeToFirstDataAsync(client, user.UserID, user.Events - Math.Min(100, user.Events / 2));
            var old = await TimeToFirstDataAsync(client, user.UserID, user.Events / 2);
            var asOf = new List<double>();
            for (var i = 0; i < connects; i++)
            {
                var clock = Stopwatch.StartNew();
                var body = await client.GetByteArrayAsync($"/v1/users/{user.UserID}/conversations?asOfSeq={Math.Min(user.Events, (user.Events / 2) + 7)}&count=100");
                asOf.Add(clock.Elapsed.TotalMilliseconds);
                if (!body.AsSpan().StartsWith("{\"code\":0,"u8))
                {
                    throw new InvalidOperationException($"asOfSeq of {user.UserID}: {Encoding.UTF8.GetString(body)}");
                }
            }

            rows.Add(new Row(user.Events, first, LatencyStats.Median(times), bytesPerStream, recent, old, LatencyStats.Median(asOf)));
        }

        return new Result(rows, await ConcurrentStreamsAsync(client, smoke ? 50 : 1000, smoke ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10)));
    }

    /// <summary>Opens a stream (resuming after <paramref name="lastEventId"/> when given) and times the first frame carrying data.</summary>
    private static async Task<double> TimeToFirstDataAsync(HttpClient client, string userID, long? lastEventId)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userID}/conversations/changes");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return clock.Elapsed.TotalMilliseconds;
            }
        }

        throw new InvalidOperationException($"the change stream of {userID} ended before its first change");
    }

    /// <summary>Heap of the server per open stream: opens one stream per entry (each read to its first change), measures, closes them.</summary>
    private static async Task<long> HeapPerStreamAsync(HttpClient client, IReadOnlyList<string> userIDs)
    {
        var before = await HeapAsync(client);
        var open = await Task.WhenAll(userIDs.Select(u => OpenAsync(client, u)));
        var after = await HeapAsync(client);
        foreach (var (response, _) in open)
        {
            response.Dispose();
        }

        return (after - before) / userIDs.Count;
    }

    /// <summary>
    /// One stream for each of <paramref name="streams"/> users, then writes to random ones of them from 16 clients for
    /// <paramref name="duration"/>; counts the change frames the streams receive and the streams that end early.
    /// </summary>
    private static async Task<ConcurrentResult> ConcurrentStreamsAsync(HttpClient client, int streams, TimeSpan duration)
    {
        var users = Enumerable.Range(0, streams).Select(i => $"live-u{i}").ToArray();
        var before = await HeapAsync(client);
        var open = await Task.WhenAll(users.Select(u => OpenAsync(client, u)));
        var heapPerStream = (await HeapAsync(client) - before) / streams;

        long items = 0;
        var cutOffs = 0;
        using var stop = new CancellationTokenSource();
        var readers = open.Select(o => Task.Run(async () =>
        {
            try
            {
                while (await o.Reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref items);
                    }
                }

                Interlocked.Increment(ref cutOffs);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (ObjectDisposedException) when (stop.IsCancellationRequested)
            {
                // The run ended and closed the stream while this read was starting (the smoke failed on it once).
            }
            catch (IOException)
            {
                Interlocked.Increment(ref cutOffs);
            }
        })).ToArray();

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        var writes = await LoadClient.RunAsync(client, new LoadSpec(16, Duration: duration), i =>
            new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{users[(i * 7919) % streams]}/conversations/C2Cpeer/messages")
            {
                Content = new StringContent($$"""{"msgID":"live-{{i}}","senderID":"peer","timestamp":{{now + i}},"summary":"live"}""", Encoding.UTF8, "application/json"),
            }, LoadClient.IsEnvelopeOk);
        var expected = writes.Ok;
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref items) < expected && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        foreach (var (response, reader) in open)
        {
            reader.Dispose();
            response.Dispose();
        }

        await Task.WhenAll(readers);
        Figure.Of("writes during the concurrent streams", [writes]);
        return new ConcurrentResult(streams, heapPerStream, writes.Ok, Interlocked.Read(ref items) / seconds, cutOffs, seconds);
    }

    private static async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenAsync(HttpClient client, string userID)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{userID}/conversations/changes"), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line && !line.StartsWith("data:", StringComparison.Ordinal))
        {
        }

        return (response, reader);
    }

    private static async Task<long> HeapAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<GcAnswer>("/bench/gc") ?? throw new InvalidOperationException("no /bench/gc answer")).HeapBytes;

    private sealed record GcAnswer(long HeapBytes, long WorkingSet);
}
