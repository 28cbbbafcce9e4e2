using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Security;
using Xunit.Abstractions;

namespace ConversationActors.Gateway.Tests.Security;

/// <summary>
/// SPEC 5 on a host with a signing key: every mapped endpoint × {no token, malformed, wrong signature,
/// expired, another user's token, a user token on an admin endpoint} answers 401 70001 or 403 50003 and
/// changes nothing; the owner's token reaches the client actions, an admin token everything.
/// </summary>
public sealed class AccessMatrixTests(SecuredFixture fixture, ITestOutputHelper output) : IClassFixture<SecuredFixture>
{
    /// <summary>SPEC 5's classification of the endpoints that exist today, by route name.</summary>
    private static readonly Dictionary<string, Access> Spec = new()
    {
        ["GetConversationList"] = Access.Owner,
        ["GetConversationBatch"] = Access.Owner,
        ["GetConversation"] = Access.Owner,
        ["GetConversationProfile"] = Access.Owner,
        ["GetTotalUnreadMessageCount"] = Access.Owner,
        ["SetConversationDraft"] = Access.Owner,
        ["ClearConversationDraft"] = Access.Owner,
        ["PinConversation"] = Access.Owner,
        ["SetReceiveMessageOpt"] = Access.Owner,
        ["CleanConversationUnreadMessageCount"] = Access.Owner,
        ["ClearHistoryMessage"] = Access.Owner,
        ["DeleteConversation"] = Access.Owner,
        ["SetFriendRemark"] = Access.Owner,
        ["GetConversationChanges"] = Access.Owner,
        ["MarkConversation"] = Access.Owner,
        ["SetConversationCustomData"] = Access.Owner,
        ["DeleteConversationList"] = Access.Owner,
        ["CleanConversationUnreadMessageCountByScope"] = Access.Owner,
        ["GetConversationGroupList"] = Access.Owner,
        ["CreateConversationGroup"] = Access.Owner,
        ["RenameConversationGroup"] = Access.Owner,
        ["DeleteConversationGroup"] = Access.Owner,
        ["AddConversationsToGroup"] = Access.Owner,
        ["DeleteConversationsFromGroup"] = Access.Owner,
        ["RevokeMessage"] = Access.Admin,
        ["AddMessage"] = Access.Admin,
        ["FanOutMessage"] = Access.Admin,
        ["SetUserProfile"] = Access.Admin,
        ["GetUserProfile"] = Access.Admin,
        ["SetGroupProfile"] = Access.Admin,
        ["GetGroupProfile"] = Access.Admin,
        ["GetUserEvents"] = Access.Admin,
        ["GetClusterStatus"] = Access.Admin,
    };

    private readonly Api _api = fixture.Api;

    [Fact]
    public void Each_endpoint_of_the_spec_has_the_access_the_spec_gives_it_and_only_health_docs_and_the_console_files_are_anonymous()
    {
        var endpoints = SecuredEndpoints.Of(fixture.Host.Services);
        foreach (var (name, access) in Spec)
        {
            var found = endpoints.Where(e => e.Name == name).ToList();
            Assert.True(found.Count > 0, $"no endpoint named {name}");
            Assert.All(found, e => Assert.True(e.Access == access, $"{e} is {e.Access}, the SPEC says {access}"));
        }

        Assert.All(endpoints.Where(e => e.Access == Access.Anonymous), e =>
            Assert.True(e.Template.StartsWith("/health/", StringComparison.Ordinal) || e.Template.StartsWith("/openapi/", StringComparison.Ordinal) || e.Template.StartsWith("/scalar", StringComparison.Ordinal) ||
                e.Template.StartsWith("/console/", StringComparison.Ordinal), $"{e} is anonymous"));
        Assert.All(endpoints.Where(e => e.Access == Access.Owner), e =>
            Assert.True(e.Template.StartsWith("/v1/users/{userID}/", StringComparison.Ordinal), $"{e} lets a user in but is not under /v1/users/{{userID}}/"));
    }

    [Fact]
    public async Task Every_endpoint_refuses_every_bad_credential_with_the_spec_code_and_the_victims_state_does_not_change()
    {
        await SeedVictimAsync();
        var before = await VictimStateAsync();
        var endpoints = SecuredEndpoints.Of(fixture.Host.Services).Where(e => e.Access != Access.Anonymous).ToList();
        var cases = new List<(string Credential, string? Token, HttpStatusCode Status, int Code, Func<MappedEndpoint, bool> Applies)>
        {
            ("no token", null, HttpStatusCode.Unauthorized, 70001, _ => true),
            ("malformed token", Tokens.Malformed, HttpStatusCode.Unauthorized, 70001, _ => true),
            ("wrong signature", Tokens.WrongSignature(SecuredEndpoints.Victim), HttpStatusCode.Unauthorized, 70001, _ => true),
            ("expired", Tokens.Expired(SecuredEndpoints.Victim), HttpStatusCode.Unauthorized, 70001, _ => true),
            ("another user's token", Tokens.User("intruder"), HttpStatusCode.Forbidden, 50003, _ => true),
            ("user token on an admin endpoint", Tokens.User(SecuredEndpoints.Victim), HttpStatusCode.Forbidden, 50003, e => e.Access == Access.Admin),
            ("wrong issuer", Tokens.Mint(SecuredEndpoints.Victim, admin: true, issuer: "someone-else"), HttpStatusCode.Unauthorized, 70001, _ => true),
        };

        var problems = new List<string>();
        var sent = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var (credential, token, status, code, applies) in cases.Where(c => c.Applies(endpoint)))
            {
                var body = endpoint.Method is "POST" or "PUT" ? """{"isPinned":true,"draftText":"x","remark":"x","nickname":"x"}""" : null;
                var answer = await _api.SendAsync(token, new HttpMethod(endpoint.Method), endpoint.Path, body);
                sent++;
                if (answer.Status != status || answer.Code != code || string.IsNullOrWhiteSpace(answer.Desc))
                {
                    problems.Add($"{endpoint} with {credential}: expected {(int)status}/{code}, got {answer}");
                }
            }
        }

        output.WriteLine($"{endpoints.Count} endpoints, {sent} refused requests");
        Assert.Empty(problems);
        Assert.Equal(before, await VictimStateAsync());
    }

    [Fact]
    public async Task A_user_token_reads_and_acts_on_its_own_set_but_not_on_its_journal_or_its_past()
    {
        await SeedVictimAsync();
        var own = Tokens.User(SecuredEndpoints.Victim);
        var conversation = Paths.Conversation(SecuredEndpoints.Victim, "C2C" + SecuredEndpoints.Peer);

        (await _api.SendAsync(own, HttpMethod.Get, Paths.Conversations(SecuredEndpoints.Victim))).Ok();
        (await _api.SendAsync(own, HttpMethod.Get, Paths.Unread(SecuredEndpoints.Victim))).Ok();
        (await _api.SendAsync(own, HttpMethod.Get, conversation + "/profile")).Ok();
        (await _api.SendAsync(own, HttpMethod.Put, conversation + "/recvOpt", """{"recvOpt":"RECEIVE"}""")).Ok();
        (await _api.SendAsync(own, HttpMethod.Get, Paths.Conversations(SecuredEndpoints.Victim) + "?asOfSeq=1")).Refused(HttpStatusCode.Forbidden, 50003);
        (await _api.SendAsync(own, HttpMethod.Get, conversation + "?asOf=2026-01-01T00:00:00Z")).Refused(HttpStatusCode.Forbidden, 50003);
        (await _api.SendAsync(own, HttpMethod.Get, "/v1/users/victim/events")).Refused(HttpStatusCode.Forbidden, 50003);
        (await _api.SendAsync(Tokens.Admin(), HttpMethod.Get, Paths.Conversations(SecuredEndpoints.Victim) + "?asOfSeq=1")).Ok();
    }

    [Fact]
    public async Task Health_the_api_documents_and_the_console_files_need_no_token_and_an_unknown_route_needs_one()
    {
        (await _api.SendAsync(null, HttpMethod.Get, "/health/live")).Ok();
        using var openApi = await _api.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);

        using var console = await _api.Http.GetAsync("/console/");
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
        Assert.Contains("default-src 'self'", console.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var anonymous = await _api.SendAsync(null, HttpMethod.Get, "/v1/nowhere");
        anonymous.Refused(HttpStatusCode.Unauthorized, 70001);
        (await _api.SendAsync(Tokens.User("someone"), HttpMethod.Get, "/v1/nowhere")).Refused(HttpStatusCode.NotFound, 6017);
    }

    [Fact]
    public async Task A_refusal_for_a_missing_token_names_the_problem_and_asks_for_a_bearer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Paths.Conversations("someone"));
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("bearer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("expired", (await _api.SendAsync(Tokens.Expired("someone"), HttpMethod.Get, Paths.Conversations("someone"))).Desc, StringComparison.Ordinal);
    }

    private async Task SeedVictimAsync()
    {
        var admin = Tokens.Admin();
        var t = Messages.HourAgo;
        (await _api.SendAsync(admin, HttpMethod.Post, Paths.Conversation(SecuredEndpoints.Victim, "C2C" + SecuredEndpoints.Peer) + "/messages", Messages.Body("victim-m1", SecuredEndpoints.Peer, t))).Ok();
        (await _api.SendAsync(admin, HttpMethod.Post, Paths.Conversation(SecuredEndpoints.Victim, "GROUP" + SecuredEndpoints.Group) + "/messages", Messages.Body("victim-g1", SecuredEndpoints.Peer, t + 1))).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, Paths.UserProfile(SecuredEndpoints.Peer), """{"nickname":"Peer"}""")).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, Paths.GroupProfile(SecuredEndpoints.Group), """{"name":"Group"}""")).Ok();
        (await _api.SendAsync(admin, HttpMethod.Put, Paths.UserProfile(SecuredEndpoints.Victim), """{"nickname":"Victim"}""")).Ok();
    }

    private async Task<string> VictimStateAsync()
    {
        var admin = Tokens.Admin();
        var parts = new List<Answer>();
        foreach (var path in new[]
                 {
                     Paths.Conversations(SecuredEndpoints.Victim), Paths.Unread(SecuredEndpoints.Victim), "/v1/users/victim/events",
                     Paths.UserProfile(SecuredEndpoints.Peer), Paths.GroupProfile(SecuredEndpoints.Group), Paths.UserProfile(SecuredEndpoints.Victim),
                     Paths.Conversations(SecuredEndpoints.Peer),
                 })
        {
            parts.Add(await _api.SendAsync(admin, HttpMethod.Get, path));
        }

        Assert.All(parts, p => p.Ok());
        return string.Join("\n", parts.Select(p => p.Body));
    }
}
