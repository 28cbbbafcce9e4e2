using System.Net;
using Akka.Configuration;
using ConversationActors.Actors.Configuration;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Security;

namespace ConversationActors.Gateway.Tests.Security;

/// <summary>
/// Browsers on other origins (issue 16): preflights and the CORS headers of real answers, with an allow-list,
/// without one (same origin only), and with authentication on.
/// </summary>
public sealed class CorsTests
{
    private const string Allowed = "http://127.0.0.1:4001";
    private const string Other = "http://127.0.0.1:4002";

    private static string Hocon(string origins, bool secured = false) =>
        $"conversation-actors.cors.allowed-origins = \"{origins}\"\n" + (secured ? Tokens.Hocon : string.Empty);

    private static HttpRequestMessage Preflight(string path, string origin, string method = "GET", string headers = "authorization,last-event-id")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_allows_the_token_and_the_resume_header_but_never_credentials()
    {
        using var folder = new TempFolder();
        await using var host = await GatewayHost.StartAsync(folder.Database, Hocon($"{Allowed}, https://app.example.com/", secured: true));

        using var preflight = await host.Api.Http.SendAsync(Preflight(Paths.Conversations("alice") + "/changes", Allowed));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Allowed, Header(preflight, "Access-Control-Allow-Origin"));
        var allowedHeaders = Header(preflight, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("authorization", allowedHeaders);
        Assert.Contains("last-event-id", allowedHeaders);
        Assert.Null(Header(preflight, "Access-Control-Allow-Credentials"));

        using var put = await host.Api.Http.SendAsync(Preflight(Paths.Conversations("alice") + "/C2Cbob/pin", "https://app.example.com", "PUT", "authorization,content-type"));
        Assert.Equal("https://app.example.com", Header(put, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Header(put, "Access-Control-Allow-Methods")!);

        using var other = await host.Api.Http.SendAsync(Preflight(Paths.Conversations("alice"), Other));
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Answers_to_an_allowed_origin_carry_its_headers_refusals_included_and_other_origins_get_none()
    {
        using var folder = new TempFolder();
        await using var host = await GatewayHost.StartAsync(folder.Database, Hocon(Allowed, secured: true));

        using var refused = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations("alice"));
        refused.Headers.Add("Origin", Allowed);
        using var unauthenticated = await host.Api.Http.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(Allowed, Header(unauthenticated, "Access-Control-Allow-Origin"));
        Assert.Contains("WWW-Authenticate", Header(unauthenticated, "Access-Control-Expose-Headers")!);
        Assert.Contains("70001", await unauthenticated.Content.ReadAsStringAsync());

        using var ok = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations("alice"));
        ok.Headers.Add("Origin", Allowed);
        ok.Headers.Authorization = new("Bearer", Tokens.User("alice"));
        using var answer = await host.Api.Http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(Allowed, Header(answer, "Access-Control-Allow-Origin"));

        using var foreign = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations("alice"));
        foreign.Headers.Add("Origin", Other);
        foreign.Headers.Authorization = new("Bearer", Tokens.User("alice"));
        using var foreignAnswer = await host.Api.Http.SendAsync(foreign);
        Assert.Null(Header(foreignAnswer, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_an_allow_list_no_origin_gets_cors_headers()
    {
        using var folder = new TempFolder();
        await using var host = await GatewayHost.StartAsync(folder.Database);

        using var preflight = await host.Api.Http.SendAsync(Preflight(Paths.Conversations("alice"), Allowed));
        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.InternalServerError, preflight.StatusCode);

        using var get = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations("alice"));
        get.Headers.Add("Origin", Allowed);
        using var answer = await host.Api.Http.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(Header(answer, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData(" http://a.example , https://b.example:8443/ ", new[] { "http://a.example", "https://b.example:8443" })]
    [InlineData("*", new[] { "*" })]
    public void The_allow_list_is_read_from_a_comma_separated_setting(string text, string[] origins) =>
        Assert.Equal(origins, CorsSettings.Parse(text).AllowedOrigins);

    [Theory]
    [InlineData("*,http://a.example")]
    [InlineData("ftp://a.example")]
    [InlineData("http://a.example/app")]
    [InlineData("a.example")]
    public void An_entry_that_is_not_an_origin_stops_the_start(string text) =>
        Assert.Throws<ConfigurationException>(() => CorsSettings.Parse(text));
}
