using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 4.4 and 6: every answer is an envelope, limits come before parsing, health and OpenAPI are served.</summary>
public sealed class EnvelopeAndHealthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task An_unknown_route_answers_404_with_INVALID_PARAMETER_in_an_envelope()
    {
        var answer = await _api.GetAsync("/v1/nothing/here");

        answer.Refused(HttpStatusCode.NotFound, 6017);
        Assert.Contains("/v1/nothing/here", answer.Desc);
        Assert.Equal(JsonNull, answer.Data.ValueKind);
    }

    [Fact]
    public async Task A_wrong_method_answers_an_envelope_naming_the_method()
    {
        var answer = await _api.SendAsync(HttpMethod.Delete, Paths.Unread("envelope-method"));

        answer.Refused(HttpStatusCode.MethodNotAllowed, 6017);
        Assert.Contains("DELETE", answer.Desc);
    }

    [Fact]
    public async Task A_body_over_64_KiB_with_Content_Length_is_refused_with_413_before_it_is_parsed()
    {
        // Not even JSON: the limit must answer before any parsing would.
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Conversation("envelope-big", "C2Cpeer") + "/messages")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string('x', 64 * 1024 + 1))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var answer = await _api.SendAsync(request);

        answer.Refused(HttpStatusCode.RequestEntityTooLarge, 80002);
        Assert.Contains("65536", answer.Desc);
        Assert.Equal(0, (await _api.ListAsync("envelope-big")).Ok().GetProperty("conversationList").GetArrayLength());
    }

    [Fact]
    public async Task A_chunked_body_over_64_KiB_is_refused_with_413()
    {
        var json = Messages.Body("m1", "peer", Messages.Now, summary: new string('s', 70 * 1024));
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Conversation("envelope-chunked", "C2Cpeer") + "/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Headers.TransferEncodingChunked = true;

        var answer = await _api.SendAsync(request);

        answer.Refused(HttpStatusCode.RequestEntityTooLarge, 80002);
        Assert.Equal(0, (await _api.ListAsync("envelope-chunked")).Ok().GetProperty("conversationList").GetArrayLength());
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_read_like_any_other()
    {
        var json = Messages.Body("m1", "peer", Messages.Now);
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Conversation("envelope-chunked-ok", "C2Cpeer") + "/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Headers.TransferEncodingChunked = true;

        var data = (await _api.SendAsync(request)).Ok();

        Assert.True(data.GetProperty("applied").GetBoolean());
    }

    [Fact]
    public async Task Liveness_answers_200_and_readiness_answers_200_once_the_node_is_Up()
    {
        var live = await _api.GetAsync("/health/live");
        var ready = await _api.GetAsync("/health/ready");

        Assert.Equal("Healthy", live.Ok().GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.Ok().GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_names_every_path_of_the_SPEC()
    {
        var document = await _api.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        string[] expected =
        [
            "/v1/users/{userID}/conversations",
            "/v1/users/{userID}/conversations/batch",
            "/v1/users/{userID}/conversations/{conversationID}",
            "/v1/users/{userID}/conversations/{conversationID}/profile",
            "/v1/users/{userID}/unread",
            "/v1/users/{userID}/conversations/{conversationID}/messages",
            "/v1/messages",
            "/v1/users/{userID}/conversations/{conversationID}/messages/{msgID}/revoke",
            "/v1/users/{userID}/conversations/{conversationID}/draft",
            "/v1/users/{userID}/conversations/{conversationID}/pin",
            "/v1/users/{userID}/conversations/{conversationID}/recvOpt",
            "/v1/users/{userID}/conversations/{conversationID}/read",
            "/v1/users/{userID}/conversations/{conversationID}/clearHistory",
            "/v1/users/{userID}/friends/{peerID}/remark",
            "/v1/profiles/users/{userID}",
            "/v1/profiles/groups/{groupID}",
            "/v1/users/{userID}/conversations/changes",
            "/v1/users/{userID}/conversations/marks",
            "/v1/users/{userID}/conversations/customData",
            "/v1/users/{userID}/conversations/delete",
            "/v1/users/{userID}/conversations/read",
            "/v1/users/{userID}/conversationGroups",
            "/v1/users/{userID}/conversationGroups/{groupName}",
            "/v1/users/{userID}/conversationGroups/{groupName}/conversations",
            "/v1/users/{userID}/conversationGroups/{groupName}/conversations/delete",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
