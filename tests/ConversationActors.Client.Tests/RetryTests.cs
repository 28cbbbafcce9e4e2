using System.Net;
using ConversationActors.Client.Requests;
using ConversationActors.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Client.Tests;

/// <summary>
/// Which calls retry: a real Kestrel server on a free loopback port that answers 503 (or 400) a set number of
/// times, and counts what arrives. A gateway cannot be made to answer 503 on demand, so this server plays it.
/// </summary>
public sealed class RetryTests : IAsyncLifetime
{
    private readonly Dictionary<string, int> _calls = [];
    private readonly Dictionary<string, Queue<int>> _script = [];
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRouting();
        _server = builder.Build();
        _server.Run(async context =>
        {
            var key = context.Request.Method + " " + context.Request.Path;
            int status;
            lock (_calls)
            {
                _calls[key] = _calls.GetValueOrDefault(key) + 1;
                status = _script.TryGetValue(key, out var queue) && queue.Count > 0 ? queue.Dequeue() : 200;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(status switch
            {
                200 when key.EndsWith("/v1/messages", StringComparison.Ordinal) => """{"code":0,"desc":"","data":{"delivered":2,"duplicates":0}}""",
                200 when key.EndsWith("/messages", StringComparison.Ordinal) => """{"code":0,"desc":"","data":{"applied":true,"conversation":null}}""",
                200 => """{"code":0,"desc":"","data":{"conversation":null}}""",
                503 => """{"code":50004,"desc":"the event was not persisted","data":null}""",
                502 => "<html>bad gateway</html>",
                _ => """{"code":6017,"desc":"summary is required","data":null}""",
            });
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ConversationActorsClient Client => Clients.For(new Uri(_server.Urls.First()));

    private static FanOutMessage Message => new() { MsgID = "m1", SenderID = "bob", ReceiverID = "alice", Timestamp = Clients.Now, Summary = "hi" };

    private void Script(string key, params int[] statuses) => _script[key] = new Queue<int>(statuses);

    [Fact]
    public async Task A_fan_out_answered_503_is_retried_until_it_succeeds()
    {
        Script("POST /v1/messages", 503, 503);
        Assert.Equal(2, (await Client.FanOutMessageAsync(Message)).Delivered);
        Assert.Equal(3, _calls["POST /v1/messages"]);
    }

    [Fact]
    public async Task A_message_ingest_answered_503_is_retried_and_gives_up_with_the_refusal_after_the_retries()
    {
        var path = "POST /v1/users/alice/conversations/C2Cbob/messages";
        Script(path, 503, 503, 503, 503, 503);
        var refused = await Assert.ThrowsAsync<ConversationActorsException>(() => Client.AddMessageAsync("alice", "C2Cbob", Message));
        Assert.Equal((50004, HttpStatusCode.ServiceUnavailable), (refused.Code, refused.HttpStatus));
        Assert.Equal(4, _calls[path]);
    }

    [Fact]
    public async Task A_4xx_is_never_retried()
    {
        Script("POST /v1/messages", 400);
        var refused = await Assert.ThrowsAsync<ConversationActorsException>(() => Client.FanOutMessageAsync(Message));
        Assert.Equal(6017, refused.Code);
        Assert.Equal(1, _calls["POST /v1/messages"]);
    }

    [Fact]
    public async Task Other_writes_are_not_retried_on_503()
    {
        Script("PUT /v1/users/alice/conversations/C2Cbob/pin", 503);
        var refused = await Assert.ThrowsAsync<ConversationActorsException>(() => Client.PinConversationAsync("alice", "C2Cbob", true));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.HttpStatus);
        Assert.Equal(1, _calls["PUT /v1/users/alice/conversations/C2Cbob/pin"]);
    }

    [Fact]
    public async Task The_client_registered_with_the_http_client_factory_retries_the_same_way()
    {
        var services = new ServiceCollection();
        services.AddConversationActorsClient(o =>
        {
            o.BaseAddress = new Uri(_server.Urls.First());
            o.IngestRetryDelay = TimeSpan.FromMilliseconds(10);
        });
        await using var provider = services.BuildServiceProvider();
        Script("POST /v1/messages", 503);
        Script("PUT /v1/users/alice/conversations/C2Cbob/pin", 503);
        var client = provider.GetRequiredService<ConversationActorsClient>();

        Assert.Equal(2, (await client.FanOutMessageAsync(Message)).Delivered);
        Assert.Equal(2, _calls["POST /v1/messages"]);
        await Assert.ThrowsAsync<ConversationActorsException>(() => client.PinConversationAsync("alice", "C2Cbob", true));
        Assert.Equal(1, _calls["PUT /v1/users/alice/conversations/C2Cbob/pin"]);
    }

    [Fact]
    public async Task An_answer_that_is_not_an_envelope_is_refused_with_its_status()
    {
        Script("GET /v1/users/alice/unread", 502);
        var refused = await Assert.ThrowsAsync<ConversationActorsException>(() => Client.GetTotalUnreadMessageCountAsync("alice"));
        Assert.Equal(HttpStatusCode.BadGateway, refused.HttpStatus);
        Assert.Equal(ConversationActorsException.NotAnEnvelope, refused.Code);
        Assert.Contains("bad gateway", refused.Desc);
    }
}
