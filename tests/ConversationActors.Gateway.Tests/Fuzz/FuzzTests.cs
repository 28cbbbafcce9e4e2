using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Security;
using Xunit.Abstractions;

namespace ConversationActors.Gateway.Tests.Fuzz;

/// <summary>
/// SPEC 4.4 and 5 under a storm of generated requests (fixed seed) against one real host with a
/// signing key: no 5xx, every answer the envelope, and the canary user's list, unread, journal and
/// profiles byte for byte the same afterwards.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzTests(SecuredFixture fixture, ITestOutputHelper output) : IClassFixture<SecuredFixture>
{
    public const int Seed = 20261122;
    public const int Requests = 10_000;
    private const int Parallelism = 4;
    private const int MaxBodyBytes = 65536;

    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Ten_thousand_generated_requests_get_no_5xx_always_the_envelope_and_leave_the_canary_unchanged()
    {
        await SeedCanaryAsync();
        var before = await CanaryStateAsync();
        var generator = new RequestGenerator(Seed);
        var tokens = new Dictionary<string, string> { ["admin"] = Tokens.Admin("fz-backend") };
        string TokenFor(string who)
        {
            lock (tokens)
            {
                return tokens.TryGetValue(who, out var token) ? token : tokens[who] = Tokens.User(who["user:".Length..]);
            }
        }

        string[] bad =
        [
            null!, "", "x", Tokens.Malformed, Tokens.Expired(RequestGenerator.Canary), Tokens.WrongSignature(RequestGenerator.Canary),
            Tokens.User("fz-a") + "x", "Bearer", Tokens.Mint(RequestGenerator.Canary, admin: true, issuer: "evil"),
        ];
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var next = -1;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < Requests)
            {
                var request = generator.Generate(index, TokenFor, bad);
                var (status, problem) = await SendAsync(request);
                lock (failures)
                {
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (problem is not null && failures.Count < 30)
                    {
                        failures.Add($"#{index} {request} → {problem}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => Task.Run(WorkerAsync)));
        var after = await CanaryStateAsync();

        var summary = $"fuzz: sent {Requests} requests (seed {Seed}) in {clock.Elapsed.TotalSeconds:0.0} s; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}; {failures.Count} problems";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
    }

    private async Task<(int Status, string? Problem)> SendAsync(FuzzRequest request)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendOnceAsync(request);
        }
        catch (HttpRequestException) when (request.Body?.Length > MaxBodyBytes)
        {
            // The server answers 413 before reading an oversized body and closes; the client may fail mid-upload.
            return (413, null);
        }
        catch (HttpRequestException)
        {
            // A pooled connection the server had just closed (after refusing an unread body): once more,
            // on a connection of its own that nothing else can have spoiled.
            using var fresh = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = _api.Http.BaseAddress };
            try
            {
                response = await SendOnceAsync(request, fresh);
            }
            catch (HttpRequestException) when (request.PathAndQuery.Contains("%00", StringComparison.OrdinalIgnoreCase))
            {
                // Kestrel drops a request whose target decodes to NUL before any of our code runs (decisions.md).
                return (400, null);
            }
            catch (HttpRequestException e)
            {
                return (0, "no answer: " + e.Message + " " + e.InnerException?.Message);
            }
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return (status, $"server error {status}: {body}");
            }

            if (body.Length == 0 && KestrelRefusal(status, request))
            {
                return (status, null);
            }

            return (status, IsEnvelope(body) ? null : $"not an envelope ({status}): {(body.Length > 300 ? body[..300] : body)}");
        }
    }

    /// <summary>
    /// Refusals Kestrel answers itself, before any middleware (decisions.md): a path that decodes to NUL,
    /// and a request line beyond its backstop (twice the configured limit, which answers an envelope).
    /// </summary>
    private static bool KestrelRefusal(int status, FuzzRequest request) =>
        (status == 400 && request.PathAndQuery.Contains("%00", StringComparison.OrdinalIgnoreCase)) ||
        (status == 414 && request.PathAndQuery.Length > 2 * 8192 - 64);

    private Task<HttpResponseMessage> SendOnceAsync(FuzzRequest request, HttpClient? client = null)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), Target(request.PathAndQuery));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
            }
        }

        if (request.Token is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + request.Token);
        }

        return (client ?? _api.Http).SendAsync(message);
    }

    /// <summary>The path as generated: no canonicalisation by the client (dot segments, escapes) where the URI allows it.</summary>
    private Uri Target(string pathAndQuery)
    {
        var text = _api.Http.BaseAddress!.ToString().TrimEnd('/') + pathAndQuery;
        return Uri.TryCreate(text, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out var raw)
            ? raw
            : new Uri(text);
    }

    private static bool IsEnvelope(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.EnumerateObject().Select(p => p.Name).SequenceEqual(["code", "desc", "data"]) &&
                root.GetProperty("code").ValueKind == JsonValueKind.Number && root.GetProperty("code").TryGetInt32(out _) &&
                root.GetProperty("desc").ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task SeedCanaryAsync()
    {
        var admin = Tokens.Admin();
        var t = Messages.HourAgo;
        var c2c = Paths.Conversation(RequestGenerator.Canary, "C2C" + RequestGenerator.CanaryPeer);
        (await _api.SendAsync(admin, HttpMethod.Post, c2c + "/messages", Messages.Body("canary-1", RequestGenerator.CanaryPeer, t))).Ok();
        (await _api.SendAsync(admin, HttpMethod.Post, Paths.Conversation(RequestGenerator.Canary, "GROUP" + RequestGenerator.CanaryGroup) + "/messages", Messages.Body("canary-g", RequestGenerator.CanaryPeer, t + 1))).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, c2c + "/draft", """{"draftText":"canary draft"}""")).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, Paths.UserProfile(RequestGenerator.CanaryPeer), """{"nickname":"Canary peer"}""")).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, Paths.GroupProfile(RequestGenerator.CanaryGroup), """{"name":"Canary group"}""")).Ok();
    }

    private async Task<string> CanaryStateAsync()
    {
        var admin = Tokens.Admin();
        var parts = new List<Answer>();
        foreach (var path in new[]
                 {
                     Paths.Conversations(RequestGenerator.Canary), Paths.Unread(RequestGenerator.Canary), Paths.User(RequestGenerator.Canary) + "/events",
                     Paths.Conversation(RequestGenerator.Canary, "C2C" + RequestGenerator.CanaryPeer) + "/profile",
                     Paths.UserProfile(RequestGenerator.CanaryPeer), Paths.GroupProfile(RequestGenerator.CanaryGroup), Paths.UserProfile(RequestGenerator.Canary),
                 })
        {
            parts.Add(await _api.SendAsync(admin, HttpMethod.Get, path));
        }

        Assert.All(parts, p => p.Ok());
        return string.Join("\n", parts.Select(p => p.Body));
    }
}

/// <summary>The fuzz test loads the two cores: it runs alone, after the parallel tests, so their asks do not time out.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz (alone)";
}
