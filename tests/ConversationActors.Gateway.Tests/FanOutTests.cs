using System.Net;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 4.2 POST /v1/messages: which sets a message reaches, and that a retry answers duplicates.</summary>
public sealed class FanOutTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_C2C_message_writes_the_senders_and_the_receivers_sets_and_a_retry_answers_duplicates()
    {
        var body = Messages.FanOut("c2c-1", "fo-alice", Messages.HourAgo, b => b["receiverID"] = "fo-bob");

        var first = (await _api.PostAsync("/v1/messages", body)).Ok();
        var retry = (await _api.PostAsync("/v1/messages", body)).Ok();

        Assert.Equal(["delivered", "duplicates"], Shapes.Names(first));
        Assert.Equal((2, 0), (first.Long("delivered"), first.Long("duplicates")));
        Assert.Equal((0, 2), (retry.Long("delivered"), retry.Long("duplicates")));
        var sent = (await _api.GetAsync(Paths.Conversation("fo-alice", "C2Cfo-bob"))).Ok();
        var received = (await _api.GetAsync(Paths.Conversation("fo-bob", "C2Cfo-alice"))).Ok();
        Assert.True(sent.GetProperty("lastMessage").Bool("isSelf"));
        Assert.Equal(0, sent.Long("unreadCount"));
        Assert.False(received.GetProperty("lastMessage").Bool("isSelf"));
        Assert.Equal(1, received.Long("unreadCount"));
    }

    [Fact]
    public async Task A_message_to_oneself_writes_one_set_once()
    {
        var body = Messages.FanOut("self-1", "fo-self", Messages.HourAgo, b => b["receiverID"] = "fo-self");

        var first = (await _api.PostAsync("/v1/messages", body)).Ok();
        var retry = (await _api.PostAsync("/v1/messages", body)).Ok();

        Assert.Equal((1, 0), (first.Long("delivered"), first.Long("duplicates")));
        Assert.Equal((0, 1), (retry.Long("delivered"), retry.Long("duplicates")));
        Assert.Equal(["C2Cfo-self"], Shapes.Ids((await _api.ListAsync("fo-self")).Ok()));
    }

    [Fact]
    public async Task A_group_message_writes_each_listed_member_once_and_not_the_unlisted_sender()
    {
        var t = Messages.HourAgo;
        var body = Messages.FanOut("grp-1", "fo-gsender", t, b =>
        {
            b["groupID"] = "fo-team";
            b["memberIDs"] = new JsonArray("fo-m1", "fo-m2", "fo-m1", "fo-m3");
        });
        var wider = Messages.FanOut("grp-1", "fo-gsender", t, b =>
        {
            b["groupID"] = "fo-team";
            b["memberIDs"] = new JsonArray("fo-m1", "fo-m2", "fo-m3", "fo-m4");
        });

        var first = (await _api.PostAsync("/v1/messages", body)).Ok();
        var retry = (await _api.PostAsync("/v1/messages", wider)).Ok();

        Assert.Equal((3, 0), (first.Long("delivered"), first.Long("duplicates")));
        Assert.Equal((1, 3), (retry.Long("delivered"), retry.Long("duplicates")));
        foreach (var member in new[] { "fo-m1", "fo-m2", "fo-m3", "fo-m4" })
        {
            var profile = (await _api.GetAsync(Paths.Conversation(member, "GROUPfo-team") + "/profile")).Ok();
            Assert.Equal(1, profile.GetProperty("stats").Long("messageCount"));
            Assert.Equal(1, profile.GetProperty("conversation").Long("unreadCount"));
        }

        (await _api.GetAsync(Paths.Conversation("fo-gsender", "GROUPfo-team"))).Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task A_listed_sender_gets_the_group_message_as_its_own()
    {
        var body = Messages.FanOut("grp-self", "fo-lsender", Messages.HourAgo, b =>
        {
            b["groupID"] = "fo-team2";
            b["memberIDs"] = new JsonArray("fo-lsender", "fo-l1");
        });

        Assert.Equal(2, (await _api.PostAsync("/v1/messages", body)).Ok().Long("delivered"));

        var own = (await _api.GetAsync(Paths.Conversation("fo-lsender", "GROUPfo-team2"))).Ok();
        Assert.True(own.GetProperty("lastMessage").Bool("isSelf"));
        Assert.Equal(0, own.Long("unreadCount"));
    }

    [Fact]
    public async Task A_group_message_without_groupType_takes_the_group_profiles_type()
    {
        (await _api.PutAsync(Paths.GroupProfile("fo-live"), """{"groupType":"AVChatRoom"}""")).Ok();
        var body = Messages.FanOut("live-1", "fo-host", Messages.HourAgo, b =>
        {
            b["groupID"] = "fo-live";
            b["memberIDs"] = new JsonArray("fo-viewer");
        });

        (await _api.PostAsync("/v1/messages", body)).Ok();

        var c = (await _api.GetAsync(Paths.Conversation("fo-viewer", "GROUPfo-live"))).Ok();
        Assert.Equal("AVChatRoom", c.Str("groupType"));
        Assert.Equal(0, c.Long("unreadCount"));
        Assert.Equal(0, (await _api.GetAsync(Paths.Unread("fo-viewer"))).Ok().Long("totalUnreadCount"));
    }

    [Fact]
    public async Task A_refused_fan_out_writes_no_set()
    {
        var body = Messages.FanOut("bad-1", "fo-bad-sender", Messages.HourAgo, b =>
        {
            b["groupID"] = "fo-team3";
            b["memberIDs"] = new JsonArray("fo-bad-m1", "fo-bad-m2");
            b["summary"] = new string('s', 513);
        });

        (await _api.PostAsync("/v1/messages", body)).Refused(HttpStatusCode.BadRequest, 6017);

        Assert.Empty((await _api.ListAsync("fo-bad-m1")).Ok().GetProperty("conversationList").EnumerateArray());
        Assert.Empty((await _api.ListAsync("fo-bad-m2")).Ok().GetProperty("conversationList").EnumerateArray());
    }
}
