using System.Text;
using System.Text.Json;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>A change-feed stream read over real HTTP, frame by frame (id, event, data; comments skipped).</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    public sealed record Event(long Id, string Name, JsonElement Data)
    {
        public override string ToString() => $"{Id} {Name} {Data.GetRawText()}";
    }

    public static async Task<SseReader> OpenAsync(int node, string user, TimeSpan timeout)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var cts = new CancellationTokenSource(timeout);
        var response = await http.GetAsync(new Uri(LocalCluster.Url(node), $"/v1/users/{user}/conversations/changes"), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the change feed answered HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cts.Token)}");
        }

        return new SseReader(http, response, new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8));
    }

    /// <summary>Reads events until <paramref name="count"/> have arrived; throws when the deadline passes first.</summary>
    public async Task<List<Event>> ReadAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var events = new List<Event>();
        string? id = null, name = null;
        var data = new StringBuilder();
        try
        {
            while (events.Count < count)
            {
                var line = await _reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException($"the stream ended after {events.Count} events");
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                    {
                        events.Add(new Event(long.Parse(id!), name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                    }

                    (id, name) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{events.Count} of {count} events within {timeout.TotalSeconds:0} s: {string.Join(" | ", events)}");
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
