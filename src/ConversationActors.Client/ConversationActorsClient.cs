using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConversationActors.Client.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ConversationActors.Client;

/// <summary>
/// The typed client of the ConversationActors HTTP API (SPEC 4): one method per endpoint, named after the
/// Tencent SDK call it serves. Every method answers the envelope's <c>data</c> and throws
/// <see cref="ConversationActorsException"/> with the SPEC's code, desc and HTTP status on a refusal.
/// Timestamps are milliseconds since the Unix epoch. Thread-safe; register it with
/// <see cref="ServiceCollectionExtensions.AddConversationActorsClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ConversationActorsClientOptions})"/>
/// or build one with <see cref="Create"/>.
/// </summary>
public sealed partial class ConversationActorsClient
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly ConversationActorsClientOptions _options;

    /// <summary>The typed-client constructor <c>IHttpClientFactory</c> calls.</summary>
    /// <param name="http">An HttpClient whose BaseAddress is the gateway.</param>
    /// <param name="options">The client's settings.</param>
    public ConversationActorsClient(HttpClient http, IOptions<ConversationActorsClientOptions> options)
    {
        _http = http;
        _options = options.Value;
        _http.BaseAddress ??= WithTrailingSlash(_options.BaseAddress);
    }

    /// <summary>
    /// A client without dependency injection, with the same ingest retry as the registered one. The caller owns
    /// it for the process's life (it holds one HttpClient).
    /// </summary>
    /// <param name="options">The client's settings.</param>
    public static ConversationActorsClient Create(ConversationActorsClientOptions options)
    {
        var handler = new ResilienceHandler(IngestRetry.Build(options)) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } };
        var http = new HttpClient(handler) { BaseAddress = WithTrailingSlash(options.BaseAddress), Timeout = Timeout.InfiniteTimeSpan };
        return new ConversationActorsClient(http, Options.Create(options));
    }

    internal static Uri WithTrailingSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>One path segment, percent-encoded (<c>GROUP@TGS#2A</c> → <c>GROUP%40TGS%232A</c>).</summary>
    internal static string E(string segment) => Uri.EscapeDataString(segment);

    internal static string User(string userID) => "v1/users/" + E(userID);

    internal static string Conv(string userID, string conversationID) => User(userID) + "/conversations/" + E(conversationID);

    internal static string WithQuery(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var text = string.Join("&", query.Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value)));
        return text.Length == 0 ? path : path + "?" + text;
    }

    internal async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, bool idempotentIngest = false)
    {
        var data = await SendForDataAsync(method, path, body, idempotentIngest, ct);
        return data.Deserialize<T>(Json) ?? throw new ConversationActorsException(ConversationActorsException.NotAnEnvelope, $"{method} {path} answered data null", HttpStatusCode.OK);
    }

    internal async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct) =>
        await SendForDataAsync(method, path, body, idempotentIngest: false, ct);

    internal async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (_options.TokenProvider is { } provider && await provider(ct) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<JsonElement> SendForDataAsync(HttpMethod method, string path, object? body, bool idempotentIngest, CancellationToken ct)
    {
        using var request = await RequestAsync(method, path, ct);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        request.Options.Set(IngestRetry.Key, idempotentIngest);
        using var response = await _http.SendAsync(request, ct);
        return await ReadEnvelopeAsync(response, ct);
    }

    /// <summary>The envelope's data on code 0; the refusal as an exception otherwise.</summary>
    internal static async Task<JsonElement> ReadEnvelopeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonElement envelope;
        try
        {
            envelope = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            throw Foreign(response, text);
        }

        if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number)
        {
            throw Foreign(response, text);
        }

        var data = envelope.TryGetProperty("data", out var d) ? d : default;
        if (code.GetInt32() == 0 && response.IsSuccessStatusCode)
        {
            return data;
        }

        var desc = envelope.TryGetProperty("desc", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        throw new ConversationActorsException(code.GetInt32(), desc, response.StatusCode, data.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : data);
    }

    private static ConversationActorsException Foreign(HttpResponseMessage response, string text) =>
        new(ConversationActorsException.NotAnEnvelope, $"not an envelope: {(text.Length > 200 ? text[..200] + "…" : text)}", response.StatusCode);
}
