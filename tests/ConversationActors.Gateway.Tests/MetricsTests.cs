using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 6: /metrics serves Prometheus text with HTTP, runtime and the service's own metrics.</summary>
public sealed class MetricsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Metrics_count_writes_by_outcome_and_time_the_asks()
    {
        var api = fixture.Api;
        (await api.AddMessageAsync("metrics-user", "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();
        (await api.AddMessageAsync("metrics-user", "C2Cbob", Messages.Body("m1", "bob", Messages.HourAgo))).Ok();
        (await api.PostAsync(Paths.Conversation("metrics-user", "C2Cnobody") + "/read")).Refused(HttpStatusCode.NotFound, 6004);

        using var response = await api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""applied""[^}]*\} [1-9]", text);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""unchanged""[^}]*\} [1-9]", text);
        Assert.Matches(@"conversation_actors_writes_total\{[^}]*outcome=""ConversationNotFound""[^}]*\} [1-9]", text);
        Assert.Contains("conversation_actors_ask_duration_seconds_bucket", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.Matches(@"conversation_actors_store_available(\{[^}]*\})? 1", text);
        Assert.Matches(@"conversation_actors_store_outage_seconds(\{[^}]*\})? 0", text);
    }
}
