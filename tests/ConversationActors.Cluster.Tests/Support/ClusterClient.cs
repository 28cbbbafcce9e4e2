using System.Net.Http.Json;
using System.Text.Json;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>The few HTTP calls the cluster tests make, each with its own deadline.</summary>
public static class ClusterClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>One answer: the envelope's code (null when there was no envelope) and what went wrong.</summary>
    public sealed record Answer(int? Code, JsonElement Data, string? Error)
    {
        public bool Ok => Code == 0;
    }

    /// <summary>SPEC 4.2: a message from <paramref name="peer"/> into the owner's C2C conversation with them.</summary>
    public static Task<Answer> AddMessageAsync(int node, string user, string peer, string msgID, TimeSpan timeout) =>
        SendAsync(
            HttpMethod.Post,
            node,
            $"/v1/users/{user}/conversations/C2C{peer}/messages",
            new { msgID, senderID = peer, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), summary = $"{msgID} for {user}" },
            timeout);

    public static Task<Answer> PinAsync(int node, string user, string peer, TimeSpan timeout) =>
        SendAsync(HttpMethod.Put, node, $"/v1/users/{user}/conversations/C2C{peer}/pin", new { isPinned = true }, timeout);

    public static Task<Answer> DraftAsync(int node, string user, string peer, string text, TimeSpan timeout) =>
        SendAsync(HttpMethod.Put, node, $"/v1/users/{user}/conversations/C2C{peer}/draft", new { draftText = text }, timeout);

    public static Task<Answer> ListAsync(int node, string user, TimeSpan timeout) =>
        SendAsync(HttpMethod.Get, node, $"/v1/users/{user}/conversations", null, timeout);

    public static Task<Answer> UnreadAsync(int node, string user, TimeSpan timeout) => UnreadAsync(LocalCluster.Url(node), user, timeout);

    /// <summary>GET /unread through the node at <paramref name="node"/> (a cluster on its own addresses: <see cref="LocalCluster.NodeUrl"/>).</summary>
    public static Task<Answer> UnreadAsync(Uri node, string user, TimeSpan timeout) =>
        SendAsync(HttpMethod.Get, node, $"/v1/users/{user}/unread", null, timeout);

    /// <summary>GET /health/ready: data.status is Healthy, Degraded (e.g. a store outage) or Unhealthy.</summary>
    public static Task<Answer> ReadyAsync(int node, TimeSpan timeout) => ReadyAsync(LocalCluster.Url(node), timeout);

    public static Task<Answer> ReadyAsync(Uri node, TimeSpan timeout) =>
        SendAsync(HttpMethod.Get, node, "/health/ready", null, timeout);

    public static Task<Answer> AdminAsync(int node, TimeSpan timeout) => AdminAsync(LocalCluster.Url(node), timeout);

    public static Task<Answer> AdminAsync(Uri node, TimeSpan timeout) =>
        SendAsync(HttpMethod.Get, node, "/v1/admin/cluster", null, timeout);

    /// <summary>GET /metrics: the node's Prometheus text.</summary>
    public static async Task<string> MetricsAsync(int node, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await Http.GetStringAsync(new Uri(LocalCluster.Url(node), "/metrics"), cts.Token);
    }

    /// <summary>
    /// The sum of every series of <paramref name="name"/> in Prometheus text (0 when it has none yet): each line is the
    /// name, its labels in braces (if any), the value and maybe a timestamp.
    /// </summary>
    public static long Sum(string prometheusText, string name) =>
        prometheusText.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))
            .Sum(line => (long)double.Parse(line[(line.Contains('{') ? line.LastIndexOf('}') + 1 : name.Length)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Repeats an idempotent call (a write with the same msgID, a PUT, a read) until it succeeds, as a client
    /// does after a 503: the first requests of a cold cluster can time out while each node warms up.
    /// </summary>
    public static Task<Answer> UntilOkAsync(Func<Task<Answer>> call, string what) =>
        Poll.UntilAsync(async () => await call() is { Ok: true } answer ? answer : null, Budgets.Served, what);

    /// <summary>conversationID → lastMessage.msgID of a list answer.</summary>
    public static Dictionary<string, string?> LastMessages(JsonElement data) =>
        data.GetProperty("conversationList").EnumerateArray().ToDictionary(
            c => c.GetProperty("conversationID").GetString()!,
            c => c.TryGetProperty("lastMessage", out var last) && last.ValueKind == JsonValueKind.Object ? last.GetProperty("msgID").GetString() : null);

    private static Task<Answer> SendAsync(HttpMethod method, int node, string path, object? body, TimeSpan timeout) =>
        SendAsync(method, LocalCluster.Url(node), path, body, timeout);

    private static async Task<Answer> SendAsync(HttpMethod method, Uri node, string path, object? body, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var request = new HttpRequestMessage(method, new Uri(node, path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await Http.SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                var code = root.GetProperty("code").GetInt32();
                return new Answer(code, root.GetProperty("data").Clone(), code == 0 ? null : $"HTTP {(int)response.StatusCode} code {code}: {root.GetProperty("desc").GetString()}");
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return new Answer(null, default, $"HTTP {(int)response.StatusCode} without an envelope: {text}");
            }
        }
        catch (OperationCanceledException)
        {
            return new Answer(null, default, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, default, $"connection: {e.Message}");
        }
    }
}
