using System.Text;
using ConversationActors.Bench.Load;
using ConversationActors.Client;
using ConversationActors.Client.Requests;

namespace ConversationActors.Bench.Scenarios;

/// <summary>The mixed load's figures: medians over repetitions of each kind's rate and latencies (ms).</summary>
public sealed record MixedResult(
    string Name, double ReadsPerSecond, double WritesPerSecond, double ReadP50, double ReadP99, double WriteP50, double WriteP99, long Requests, int Conversations);

/// <summary>Issue #13's fan-out and mixed load shapes, over HTTP with the same load client as ingest.</summary>
public static class WriteShapes
{
    /// <summary>
    /// (c) fan-out: <c>POST /v1/messages</c> to groups of <see cref="Sizes.FanOutMembers"/> listed members, a new msgID
    /// each time; an answer counts only when every member's set took it (<c>delivered</c> = members). The figure's
    /// <see cref="Figure.EventsPerSecond"/> is deliveries/s; its p99 is the whole request's; its CPU use counts
    /// requests (messages) and events (deliveries) apart.
    /// </summary>
    public static async Task<Figure> FanOutAsync(ServerProcess server, Sizes sizes, string tag)
    {
        using var client = LoadClient.CreateClient(server.BaseAddress, sizes.FanOutConcurrency);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var members = Enumerable.Range(0, sizes.FanOutGroups)
            .Select(g => "[" + string.Join(",", Enumerable.Range(0, sizes.FanOutMembers).Select(m => $"\"{tag}-g{g}-m{m}\"")) + "]")
            .ToArray();
        var delivered = Encoding.UTF8.GetBytes($"\"delivered\":{sizes.FanOutMembers},");

        HttpRequestMessage Message(string prefix, long i)
        {
            var g = i % sizes.FanOutGroups;
            var body = $$"""{"msgID":"{{prefix}}-{{i}}","senderID":"{{tag}}-g{{g}}-m0","timestamp":{{now + i}},"summary":"{{FoldData.Summary}}","groupID":"grp-{{tag}}-{{g}}","groupType":"Public","memberIDs":{{members[g]}}}""";
            return new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        bool AllDelivered(HttpResponseMessage response, byte[] body) =>
            LoadClient.IsEnvelopeOk(response, body) && body.AsSpan().IndexOf(delivered) >= 0;

        // Warm-up: every member's entity recovers (empty) and stays in memory, as in a chat with active groups.
        await LoadClient.RunAsync(client, new LoadSpec(sizes.FanOutConcurrency, Count: sizes.FanOutGroups * 2), i => Message($"{tag}-warm", i), AllDelivered);
        var before = await JournalCommitCount.ReadAsync(client);
        var cpu = CpuClock.Start(server.Pid);
        var runs = new List<LoadResult>();
        for (var r = 0; r < sizes.Reps; r++)
        {
            var prefix = $"{tag}-r{r}";
            runs.Add(await LoadClient.RunAsync(client, new LoadSpec(sizes.FanOutConcurrency, Count: sizes.FanOutRequests), i => Message(prefix, i), AllDelivered));
        }

        var figure = Figure.Of($"fan-out {tag} ({sizes.FanOutMembers} members)", runs);
        return figure with
        {
            Cpu = cpu.Stop(figure.Requests, sizes.FanOutMembers),
            Commits = (await JournalCommitCount.ReadAsync(client)).Since(before),
            EventsPerSecond = figure.RequestsPerSecond * sizes.FanOutMembers,
        };
    }

    /// <summary>
    /// (d) mixed: 64 clients, 90 % page reads (a page of 100 from a user holding <see cref="Sizes.MixedConversations"/>
    /// conversations) and 10 % message writes spread over <see cref="Sizes.IngestUsers"/> fresh users.
    /// </summary>
    public static async Task<MixedResult> MixedAsync(Uri server, Sizes sizes, string tag)
    {
        var reader = $"{tag}-reader";
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var n = sizes.MixedConversations;
        var seeder = ConversationActorsClient.Create(new ConversationActorsClientOptions { BaseAddress = server });
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await seeder.AddMessageAsync(reader, $"C2Cp{i}", new NewMessage { MsgID = $"seed-{i}", SenderID = $"p{i}", Timestamp = now - n + i, Summary = FoldData.Summary }, ct));

        using var client = LoadClient.CreateClient(server, HttpScenarios.HotConcurrency);
        static int KindOf(long i) => i % 10 == 0 ? 1 : 0;
        Func<long, HttpRequestMessage> Requests(string prefix) => i =>
        {
            if (KindOf(i) == 0)
            {
                return new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{reader}/conversations?count=100");
            }

            var body = $$"""{"msgID":"{{prefix}}-{{i}}","senderID":"peer","timestamp":{{now + i}},"summary":"{{FoldData.Summary}}"}""";
            return new HttpRequestMessage(HttpMethod.Post, $"/v1/users/{prefix}-u{i / 10 % sizes.IngestUsers}/conversations/C2Cpeer/messages")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
        };

        var spec = new LoadSpec(HttpScenarios.HotConcurrency, Duration: sizes.Measure);
        await LoadClient.RunAsync(client, spec with { Duration = sizes.WarmUp }, Requests($"{tag}-warm"), LoadClient.IsEnvelopeOk, kindOf: KindOf);
        var runs = new List<LoadResult>();
        for (var r = 0; r < sizes.Reps; r++)
        {
            runs.Add(await LoadClient.RunAsync(client, spec, Requests($"{tag}-r{r}"), LoadClient.IsEnvelopeOk, kindOf: KindOf));
        }

        var valid = Figure.Of($"mixed {tag}", runs);
        double Median(Func<LoadResult, double> f) => LatencyStats.Median(runs.Select(f));
        double Rate(LoadResult run, int kind) => run.LatenciesByKind.Count > kind ? run.LatenciesByKind[kind].Length / run.Elapsed.TotalSeconds : 0;
        double Percentile(LoadResult run, int kind, double p) => run.LatenciesByKind.Count > kind ? LatencyStats.Percentile(run.LatenciesByKind[kind], p) : double.NaN;
        return new MixedResult(
            valid.Name,
            Median(run => Rate(run, 0)),
            Median(run => Rate(run, 1)),
            Median(run => Percentile(run, 0, 50)),
            Median(run => Percentile(run, 0, 99)),
            Median(run => Percentile(run, 1, 50)),
            Median(run => Percentile(run, 1, 99)),
            valid.Requests,
            n);
    }
}
