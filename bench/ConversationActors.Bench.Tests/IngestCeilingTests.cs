using System.Net;
using System.Text;
using ConversationActors.Bench.Load;
using ConversationActors.Bench.Scenarios;
using ConversationActors.Bench.Server;

namespace ConversationActors.Bench.Tests;

public sealed class IngestCeilingTests : IAsyncLifetime
{
    private LoopbackApp _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _app = await LoopbackApp.StartAsync(app => app.Run(IngestCeiling.HandleAsync));
        _base = _app.BaseAddress;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_spread_ingests_own_requests_are_answered_with_a_success_envelope()
    {
        using var client = LoadClient.CreateClient(_base, 4);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = await LoadClient.RunAsync(client, new LoadSpec(4, Count: 40),
            i => HttpScenarios.IngestMessage("t", 10, i, now, IngestCeiling.PathPrefix), LoadClient.IsEnvelopeOk);
        Assert.Equal(40, result.Ok);
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public async Task A_body_that_is_not_a_json_object_is_refused()
    {
        using var client = new HttpClient { BaseAddress = _base };
        foreach (var body in new[] { "{\"msgID\":", "[1,2]", string.Empty })
        {
            var response = await client.PostAsync($"{IngestCeiling.PathPrefix}/v1/users/u/conversations/C2Cp/messages", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("{\"code\":6017,", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Only_a_post_to_a_messages_path_is_answered()
    {
        using var client = new HttpClient { BaseAddress = _base };
        var get = await client.GetAsync($"{IngestCeiling.PathPrefix}/v1/users/u/conversations/C2Cp/messages");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        var wrongPath = await client.PostAsync($"{IngestCeiling.PathPrefix}/v1/users/u/messages", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, wrongPath.StatusCode);
    }

    [Theory]
    [InlineData("/v1/users/alice/conversations/C2Cbob/messages", true)]
    [InlineData("/v1/users/alice/conversations/GROUP%40TGS%232TEAM/messages", true)]
    [InlineData("/v1/users//conversations/C2Cbob/messages", false)]
    [InlineData("/v1/users/alice/conversations/C2Cbob/messages/extra", false)]
    [InlineData("/v1/users/alice/conversations/C2Cbob/read", false)]
    [InlineData("/v1/messages", false)]
    [InlineData("", false)]
    public void The_path_has_the_ingests_shape(string path, bool expected) =>
        Assert.Equal(expected, IngestCeiling.IsMessagesPath(path));
}
