using System.Text.Json;
using Akka.Actor;
using ConversationActors.Actors.Configuration;
using ConversationActors.Gateway.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// Issue 31, found by the upgrade test: on a node started under load, opening the read journal (a service built on the
/// first request that needs it) waited on an ask that timed out, and the request was answered 500. An ask that times out
/// anywhere is the SPEC's 503 TIMEOUT: the cluster did not answer in time.
/// </summary>
public sealed class AskTimeoutEnvelopeTests
{
    public static TheoryData<string> Thrown => ["bare", "wrapped"];

    [Theory]
    [MemberData(nameof(Thrown))]
    public async Task An_ask_timeout_outside_the_entity_path_is_503_TIMEOUT_not_500(string how)
    {
        var settings = EdgeSettings.From(AkkaConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "config"), "conversation-actors.sqlite.connection-string = \"Data Source=/tmp/unused.db\""));
        var timeout = new AskTimeoutException("Timeout after 5.00 seconds");
        var middleware = new EnvelopeMiddleware(
            _ => throw (how == "bare" ? timeout : new AggregateException(timeout)), settings, NullLogger<EnvelopeMiddleware>.Instance);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var answer = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(50005, answer.RootElement.GetProperty("code").GetInt32());
        Assert.Contains("did not answer in time", answer.RootElement.GetProperty("desc").GetString());
    }
}
