using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ConversationActors.TestSupport.Changes;

/// <summary>
/// A change-feed client over real HTTP: reads the response as it arrives (ResponseHeadersRead) and
/// parses SSE frames (id, event, data; comments skipped), as a browser's EventSource does.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The id of the last event read: what a client sends back as Last-Event-ID.</summary>
    public long? LastEventId { get; private set; }

    /// <summary>Opens the feed of <paramref name="userID"/> (path relative to <paramref name="baseAddress"/>).</summary>
    /// <param name="receiveBuffer">A tiny socket receive buffer makes a client that never reads stall the server quickly.</param>
    /// <param name="openWithin">How long the response's headers may take (30 s when null).</param>
    public static async Task<SseClient> OpenAsync(Uri baseAddress, string userID, long? lastEventId = null, string query = "", int? receiveBuffer = null, TimeSpan? openWithin = null)
    {
        var handler = new SocketsHttpHandler();
        if (receiveBuffer is { } size)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = size, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(userID) + query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        using var cts = new CancellationTokenSource(openWithin ?? TimeSpan.FromSeconds(30));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token), Encoding.UTF8);
        return new SseClient(http, response, reader);
    }

    public static string Path(string userID) => "/v1/users/" + Uri.EscapeDataString(userID) + "/conversations/changes";

    /// <summary>The next event, or null when the server closed the stream; throws on timeout or when the feed did not answer 200.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan timeout)
    {
        if (_response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"the change feed answered HTTP {(int)_response.StatusCode}, not 200");
        }

        using var cts = new CancellationTokenSource(timeout);
        string? id = null, name = null;
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete event within {timeout.TotalSeconds:0.#} s (last id {LastEventId})");
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Length == 0)
                {
                    continue; // a comment-only frame (keep-alive, connected)
                }

                var evt = new SseEvent(
                    long.Parse(id ?? throw new InvalidOperationException($"an event without an id: {data}"), CultureInfo.InvariantCulture),
                    name ?? "message",
                    JsonDocument.Parse(data.ToString()).RootElement.Clone());
                LastEventId = evt.Id;
                return evt;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    data.Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads events until <paramref name="done"/> holds for the list read so far.</summary>
    public async Task<List<SseEvent>> ReadUntilAsync(Func<List<SseEvent>, bool> done, TimeSpan timeout)
    {
        var events = new List<SseEvent>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(events))
        {
            var left = deadline - DateTime.UtcNow;
            SseEvent? next;
            try
            {
                next = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{events.Count} events within {timeout.TotalSeconds:0.#} s: {string.Join(" | ", events)}");
            }

            events.Add(next ?? throw new InvalidOperationException($"the server closed the stream after {events.Count} events: {string.Join(" | ", events)}"));
        }

        return events;
    }

    /// <summary>Reads the next <paramref name="count"/> events; throws when the deadline passes first.</summary>
    public Task<List<SseEvent>> ReadAsync(int count, TimeSpan timeout) => ReadUntilAsync(events => events.Count >= count, timeout);

    /// <summary>Completes when the server ends the stream (EOF or a reset connection); throws on timeout.</summary>
    public async Task WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new char[64 * 1024];
        try
        {
            while (await _reader.ReadAsync(buffer.AsMemory(), cts.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"the server did not close the stream within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            // Reset by the server: closed.
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
