using System.Net;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>A host whose ask-timeout (300 ms) is far shorter than the recovery of a "slow-" user (2 s).</summary>
public sealed class TinyAskTimeoutFixture : GatewayFixture
{
    protected override string ExtraHocon => "conversation-actors.ask-timeout = 300ms\n" + SlowRecoveryJournal.ConfigLine;
}

/// <summary>SPEC 4.4 TIMEOUT: when the cluster does not answer in time the gateway answers 503 with code 50005.</summary>
public sealed class TimeoutTests(TinyAskTimeoutFixture fixture) : IClassFixture<TinyAskTimeoutFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_query_the_cluster_does_not_answer_within_ask_timeout_is_503_TIMEOUT()
    {
        // A slow user's entity takes 2 s to recover: far more than the 300 ms ask-timeout.
        var answer = await _api.ListAsync("slow-" + Guid.NewGuid().ToString("N"));

        answer.Refused(HttpStatusCode.ServiceUnavailable, 50005);
        Assert.Contains("ask-timeout", answer.Desc);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.Data.ValueKind);
    }

    [Fact]
    public async Task A_fan_out_whose_writes_time_out_is_503_TIMEOUT_naming_the_failed_sets()
    {
        var members = Enumerable.Range(0, 20).Select(i => $"slow-fan-{i}-{Guid.NewGuid():N}").ToArray();
        var body = Messages.FanOut("to-1", "to-sender", Messages.HourAgo, b =>
        {
            b["groupID"] = "to-group";
            b["memberIDs"] = new JsonArray(members.Select(m => (JsonNode?)m).ToArray());
        });

        var answer = await _api.PostAsync("/v1/messages", body);

        answer.Refused(HttpStatusCode.ServiceUnavailable, 50005);
        Assert.Equal(["failedUserIDs", "delivered", "duplicates"], Shapes.Names(answer.Data));
        var failed = answer.Data.GetProperty("failedUserIDs").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.NotEmpty(failed);
        Assert.Subset(members.ToHashSet(), failed.ToHashSet());
        Assert.Equal(failed.Order(StringComparer.Ordinal), failed);
        Assert.Equal(members.Length, failed.Length + answer.Data.Long("delivered") + answer.Data.Long("duplicates"));
    }
}
