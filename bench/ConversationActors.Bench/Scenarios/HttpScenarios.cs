using System.Net.Http.Json;
using System.Text;
using ConversationActors.Bench.Load;
using ConversationActors.Client;
using ConversationActors.Client.Requests;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// A measured HTTP figure: medians over repetitions of req/s, p50 and p99 (ms). Any answer that is not a success
/// invalidates it (issue #13: a figure capped by 429s or 503s measures the refusal, not the service): <see cref="Of"/>
/// throws, and the bench reports the step as failed.
/// </summary>
public sealed record Figure(string Name, double RequestsPerSecond, double P50, double P99, long Requests, long Errors, int Repetitions, string? FirstError)
{
    /// <summary>Write runs (issue #13): journal write transactions committed during the measured repetitions, and the event rows in them.</summary>
    public JournalCommitCount? Commits { get; init; }

    /// <summary>Events (journal rows) written per second: requests/s times the events each request writes (500 for a fan-out to 500).</summary>
    public double? EventsPerSecond { get; init; }

    /// <summary>Issue 27 (6): the server process's CPU time over the measured repetitions, per request and per event.</summary>
    public CpuUse? Cpu { get; init; }

    public static Figure Of(string name, IReadOnlyList<LoadResult> runs) => Valid(new(
        name,
        LatencyStats.Median(runs.Select(r => r.RequestsPerSecond)),
        LatencyStats.Median(runs.Select(r => r.P50)),
        LatencyStats.Median(runs.Select(r => r.P99)),
        runs.Sum(r => r.Ok),
        runs.Sum(r => r.Errors),
        runs.Count,
        runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null)));

    private static Figure Valid(Figure f) =>
        f.Errors == 0
            ? f
            : throw new InvalidOperationException($"{f.Name}: {f.Errors} of {f.Requests + f.Errors} answers were not a success (first: {f.FirstError}); the figure is invalid");
}

/// <summary>Issue #9 (1) and (2): durable ingest and page reads over HTTP, with the baselines beside them.</summary>
public static class HttpScenarios
{
    /// <summary>
    /// N users × M messages per repetition, fresh users each time, C concurrent clients; every answer must be code 0.
    /// <paramref name="hotUsers"/> (issue #13's hot shape): the same number of messages spread over that few users, with
    /// <see cref="HotConcurrency"/> clients, so each entity has many writes waiting at once (group commit). The server's CPU
    /// time is read before and after the measured repetitions (issue 27 (6)).
    /// </summary>
    public static async Task<Figure> IngestAsync(ServerProcess server, Sizes sizes, string tag, int? hotUsers = null)
    {
        var figure = await MeasureIngestAsync(server, sizes, tag, hotUsers, pathPrefix: string.Empty);
        return figure with { EventsPerSecond = figure.RequestsPerSecond };
    }

    /// <summary>
    /// Issue 27 (6): the spread ingest's requests (same clients, paths and bodies) sent to <see cref="Server.IngestCeiling"/>
    /// on the same Kestrel, which parses each body and answers a fixed envelope: what a request costs before it is ours.
    /// </summary>
    public static Task<Figure> IngestCeilingAsync(ServerProcess server, Sizes sizes, string tag) =>
        MeasureIngestAsync(server, sizes, tag, hotUsers: null, Server.IngestCeiling.PathPrefix);

    private static async Task<Figure> MeasureIngestAsync(ServerProcess server, Sizes sizes, string tag, int? hotUsers, string pathPrefix)
    {
        var concurrency = hotUsers is null ? sizes.IngestConcurrency : HotConcurrency;
        using var client = LoadClient.CreateClient(server.BaseAddress, concurrency);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var users = hotUsers ?? sizes.IngestUsers;
        var total = (long)sizes.IngestUsers * sizes.IngestMessagesPerUser;
        var journaled = pathPrefix.Length == 0;
        // At most 800,000 warm-up messages: message i is stamped now + i/4 ms, and the contract refuses timestamps more than
        // five minutes ahead (MaxClockSkew).
        await LoadClient.RunAsync(client, new LoadSpec(concurrency, Duration: sizes.IngestWarmUp, Count: 800_000), i => IngestMessage($"{tag}-warm", users, i, now, pathPrefix), LoadClient.IsEnvelopeOk);
        var before = journaled ? await JournalCommitCount.ReadAsync(client) : null;
        var cpu = CpuClock.Start(server.Pid);
        var runs = new List<LoadResult>();
        for (var r = 0; r < sizes.Reps; r++)
        {
            var prefix = $"{tag}-r{r}";
            runs.Add(await LoadClient.RunAsync(
                client, new LoadSpec(concurrency, Count: total), i => IngestMessage(prefix, users, i, now, pathPrefix), LoadClient.IsEnvelopeOk));
        }

        var figure = Figure.Of(journaled ? $"ingest {tag}" : "same POSTs to a trivial endpoint", runs);
        return figure with
        {
            Cpu = cpu.Stop(figure.Requests),
            Commits = before is null ? null : (await JournalCommitCount.ReadAsync(client)).Since(before),
        };
    }

    /// <summary>
    /// The ingest's request <paramref name="i"/>: a message from one of 20 peers to user <c>i mod users</c>, as
    /// <c>POST {pathPrefix}/v1/users/{u}/conversations/C2C{peer}/messages</c>, stamped <c>now + i/4</c> ms (a user's
    /// messages 250 ms apart and more; 1.2 million messages within the five minutes the contract allows ahead).
    /// </summary>
    internal static HttpRequestMessage IngestMessage(string prefix, int users, long i, long now, string pathPrefix = "")
    {
        var user = $"{prefix}-u{i % users}";
        var peer = $"peer{i / users % 20}";
        var body = $$"""{"msgID":"{{prefix}}-{{i}}","senderID":"{{peer}}","timestamp":{{now + (i / 4)}},"summary":"{{FoldData.Summary}}"}""";
        return new HttpRequestMessage(HttpMethod.Post, $"{pathPrefix}/v1/users/{user}/conversations/C2C{peer}/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>
    /// The spread ingest at half its measured peak rate (open loop, issue #13: "p99 of spread ingest at half its peak"),
    /// fresh users as in <see cref="IngestAsync"/>.
    /// </summary>
    public static async Task<Figure> IngestAtRateAsync(Uri server, Sizes sizes, string tag, double rate)
    {
        using var client = LoadClient.CreateClient(server, HotConcurrency);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var runs = new List<LoadResult>();
        for (var r = 0; r < sizes.Reps; r++)
        {
            var prefix = $"{tag}-half-r{r}";
            runs.Add(await LoadClient.RunAsync(client, new LoadSpec(HotConcurrency, Duration: sizes.Measure, Rate: Math.Max(1, rate)),
                i => IngestMessage(prefix, sizes.IngestUsers, i, now), LoadClient.IsEnvelopeOk));
        }

        return Figure.Of($"ingest {tag} at {rate:N0} req/s (half of peak)", runs);
    }

    /// <summary>Users of the hot ingest shape, and its concurrent clients (issue #13: 64 clients writing to 10 users).</summary>
    public const int HotUsers = 10;

    public const int HotConcurrency = 64;

    public sealed record PageResult(IReadOnlyList<Figure> Figures, Figure HalfLoad, int PageBytes, int CeilingBytes, string? BaselineNotes);

    /// <summary>Seeds one user with N conversations, loads the baselines, then measures every variant, interleaved by repetition.</summary>
    public static async Task<PageResult> PageReadsAsync(Uri server, Sizes sizes, Options options)
    {
        const string user = "reader";
        using var client = LoadClient.CreateClient(server, 64);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var n = sizes.PageConversations;
        // Seeding is set-up, not measurement: it goes through the .NET client (which retries a 503); a refusal throws.
        var seeder = ConversationActorsClient.Create(new ConversationActorsClientOptions { BaseAddress = server });
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await seeder.AddMessageAsync(user, $"C2Cp{i}", new NewMessage { MsgID = $"seed-{i}", SenderID = $"p{i}", Timestamp = now - n + i, Summary = FoldData.Summary }, ct));

        var notes = new List<string>();
        var setup = await client.PostAsync(
            $"/bench/setup?user={user}&count=100&redis={Uri.EscapeDataString(options.RedisAddress)}&pg={Uri.EscapeDataString(options.PostgresConnection)}", null);
        if (!setup.IsSuccessStatusCode)
        {
            notes.Add($"baseline set-up with Redis and PostgreSQL failed ({(int)setup.StatusCode}); retried without them");
            setup = await client.PostAsync($"/bench/setup?user={user}&count=100", null);
            setup.EnsureSuccessStatusCode();
        }

        var info = await setup.Content.ReadFromJsonAsync<SetupInfo>() ?? throw new InvalidOperationException("no setup answer");
        var pageBytes = (await client.GetByteArrayAsync($"/v1/users/{user}/conversations?count=100")).Length;

        var batchBody = "{\"conversationIDList\":[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"C2Cp{i * n / 100}\"")) + "]}";
        var variants = new (string Name, Func<long, HttpRequestMessage> Request)[]
        {
            ("page of 100 (actor)", _ => new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/conversations?count=100")),
            ("HTTP ceiling (same bytes)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/http-ceiling")),
            ("serialization ceiling (static DTOs)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/serialize-ceiling")),
            ("Redis page (ZSET + hashes)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/redis-page")),
            ("PostgreSQL page (indexed LIMIT 100)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/pg-page")),
            ($"list all ({n:N0})", _ => new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/conversations")),
            ($"serialization ceiling of the whole list ({n:N0} static DTOs)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/serialize-list-all")),
            ($"cold list all ({n:N0} peers without profiles, profile cache emptied first)", _ => new HttpRequestMessage(HttpMethod.Get, "/bench/cold-list-all")),
            ("batch of 100", _ => new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{user}/conversations/batch")
            {
                Content = new StringContent(batchBody, Encoding.UTF8, "application/json"),
            }),
            ("single get", i => new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/conversations/C2Cp{i * 7 % n}")),
        };

        var c = sizes.ReadConcurrency;
        var runs = variants.Select(_ => new List<LoadResult>()).ToArray();
        for (var v = 0; v < variants.Length; v++)
        {
            await LoadClient.RunAsync(client, new LoadSpec(c, Duration: sizes.WarmUp), variants[v].Request, LoadClient.IsEnvelopeOk);
        }

        for (var r = 0; r < sizes.Reps; r++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                runs[v].Add(await LoadClient.RunAsync(client, new LoadSpec(c, Duration: sizes.Measure), variants[v].Request, LoadClient.IsEnvelopeOk));
            }
        }

        var figures = variants.Select((v, i) => Figure.Of(v.Name, runs[i])).ToArray();
        var half = figures[0].RequestsPerSecond / 2;
        var halfRuns = new List<LoadResult>();
        for (var r = 0; r < sizes.Reps; r++)
        {
            halfRuns.Add(await LoadClient.RunAsync(client, new LoadSpec(64, Duration: sizes.Measure, Rate: Math.Max(1, half)), variants[0].Request, LoadClient.IsEnvelopeOk));
        }

        return new PageResult(figures, Figure.Of($"page of 100 at {half:N0} req/s (half of peak)", halfRuns), pageBytes, info.PageBytes,
            notes.Count == 0 ? null : string.Join("; ", notes));
    }

    private sealed record SetupInfo(int PageBytes, int Conversations, int Page);

    /// <summary>Issue #14 (5): a page of 100 by the size of the list it is taken from.</summary>
    public sealed record PagePoint(int Conversations, double RequestsPerSecond, double P50, double P99);

    /// <summary>
    /// Page of 100 from users holding 1/50, 1/5 and all of <see cref="Sizes.PageConversations"/> conversations (the largest
    /// is the page-read user, already seeded), measured interleaved as the page reads are.
    /// </summary>
    public static async Task<IReadOnlyList<PagePoint>> PageCurveAsync(Uri server, Sizes sizes)
    {
        var n = sizes.PageConversations;
        (int Conversations, string User)[] points = [(n / 50, "curve-small"), (n / 5, "curve-medium"), (n, "reader")];
        var seeder = ConversationActorsClient.Create(new ConversationActorsClientOptions { BaseAddress = server });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (count, user) in points[..^1])
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                await seeder.AddMessageAsync(user, $"C2Cp{i}", new NewMessage { MsgID = $"seed-{i}", SenderID = $"p{i}", Timestamp = now - count + i, Summary = FoldData.Summary }, ct));
        }

        using var client = LoadClient.CreateClient(server, sizes.ReadConcurrency);
        Func<long, HttpRequestMessage> Page(string user) => _ => new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}/conversations?count=100");
        var spec = new LoadSpec(sizes.ReadConcurrency, Duration: sizes.Measure);
        foreach (var (_, user) in points)
        {
            await LoadClient.RunAsync(client, spec with { Duration = sizes.WarmUp }, Page(user), LoadClient.IsEnvelopeOk);
        }

        var runs = points.Select(_ => new List<LoadResult>()).ToArray();
        for (var r = 0; r < sizes.Reps; r++)
        {
            for (var p = 0; p < points.Length; p++)
            {
                runs[p].Add(await LoadClient.RunAsync(client, spec, Page(points[p].User), LoadClient.IsEnvelopeOk));
            }
        }

        return points.Select((p, i) =>
        {
            var f = Figure.Of($"page of 100 from {p.Conversations:N0}", runs[i]);
            return new PagePoint(p.Conversations, f.RequestsPerSecond, f.P50, f.P99);
        }).ToArray();
    }
}
