using System.Globalization;
using System.Text;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Before the load: a message and a list read for a few users of their own through every node, each repeated until it
/// succeeds. A node's first requests wait for its JIT, its store connections and the first shard allocations, and a
/// just-started cluster may answer them 503 (a known cold start, not what the torture run is after); the run's history
/// starts warm. The warm-up users (<c>{prefix}warm{n}</c>) are no part of the history or the checks.
/// </summary>
public static class WarmUp
{
    private const int UsersPerNode = 10;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    public static async Task RunAsync(TortureOptions options)
    {
        using var http = TortureHttp.CreateClient();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.WhenAll(options.Nodes.Select(async (node, n) =>
        {
            for (var i = 0; i < UsersPerNode; i++)
            {
                var user = Uri.EscapeDataString(string.Create(CultureInfo.InvariantCulture, $"{options.UserPrefix}warm{n * UsersPerNode + i}"));
                var body = string.Create(CultureInfo.InvariantCulture, $$"""{"msgID":"warm","senderID":"warm","timestamp":{{now}},"summary":"warm-up"}""");
                await UntilOkAsync(http, HttpMethod.Post, new Uri(node, $"/v1/users/{user}/conversations/C2Cwarm/messages"), body);
                await UntilOkAsync(http, HttpMethod.Get, new Uri(node, $"/v1/users/{user}/conversations"), null);
            }
        }));
    }

    private static async Task UntilOkAsync(HttpClient http, HttpMethod method, Uri uri, string? body)
    {
        var until = DateTimeOffset.UtcNow + Within;
        while (true)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            string failure;
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                using var response = await http.SendAsync(request, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(deadline.Token)}";
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                failure = e.Message;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new InvalidOperationException($"warm-up: {method} {uri} did not succeed within {Within.TotalSeconds:0} s; last: {failure}");
            }

            await Task.Delay(200);
        }
    }
}
