using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 3.4's revoke and delete-watermark rules over HTTP, across restart-free answers and the journal.</summary>
public sealed class Spec34RulesTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Revoking_a_message_that_mentioned_the_owner_clears_its_at_badge_but_not_unread()
    {
        const string user = "s34-revoke";
        var t = Messages.HourAgo;
        await _api.AddMessageAsync(user, "GROUPteam", Messages.Body("g1", "carol", t, "@you", b => b["atUserIDs"] = new JsonArray(user)));
        await _api.AddMessageAsync(user, "GROUPteam", Messages.Body("g2", "carol", t + 1));

        var revoked = (await _api.PostAsync(Paths.Conversation(user, "GROUPteam") + "/messages/g1/revoke")).Ok().GetProperty("conversation");

        Assert.Empty(revoked.GetProperty("groupAtInfoList").EnumerateArray());
        Assert.Equal("g2", revoked.GetProperty("lastMessage").Str("msgID"));
        Assert.False(revoked.GetProperty("lastMessage").Bool("isRevoked"));
        Assert.Equal(2, revoked.Long("unreadCount"));
        Assert.Empty((await _api.ListAsync(user, "?hasAt=true")).Ok().GetProperty("conversationList").EnumerateArray());
    }

    [Fact]
    public async Task A_delayed_message_of_a_deleted_conversation_answers_not_applied_and_null_and_a_newer_one_creates_it()
    {
        const string user = "s34-delete";
        var t = Messages.HourAgo;
        await _api.AddMessageAsync(user, "C2Cbob", Messages.Body("m2", "bob", t + 20));
        (await _api.DeleteAsync(Paths.Conversation(user, "C2Cbob"))).Ok();

        var delayed = (await _api.AddMessageAsync(user, "C2Cbob", Messages.Body("m1", "bob", t + 10))).Ok();

        Assert.False(delayed.Bool("applied"));
        Assert.Equal(JsonValueKind.Null, delayed.GetProperty("conversation").ValueKind);
        (await _api.GetAsync(Paths.Conversation(user, "C2Cbob"))).Refused(HttpStatusCode.NotFound, 6004);

        var newer = (await _api.AddMessageAsync(user, "C2Cbob", Messages.Body("m3", "bob", t + 30))).Ok();
        Assert.True(newer.Bool("applied"));
        Assert.Equal("m3", newer.GetProperty("conversation").GetProperty("lastMessage").Str("msgID"));
        Assert.Equal(1, newer.GetProperty("conversation").Long("unreadCount"));
    }

    [Fact]
    public async Task A_delayed_group_delivery_to_a_member_who_deleted_the_group_conversation_is_not_applied_for_that_member()
    {
        var t = Messages.HourAgo;
        var first = new JsonObject { ["msgID"] = "fan-g1", ["senderID"] = "carol", ["groupID"] = "@TGS#s34", ["memberIDs"] = new JsonArray("s34-a", "s34-b"), ["timestamp"] = t + 20, ["summary"] = "hi" };
        (await _api.PostAsync("/v1/messages", first.ToJsonString())).Ok();
        (await _api.DeleteAsync(Paths.Conversation("s34-a", "GROUP@TGS#s34"))).Ok();

        var late = new JsonObject { ["msgID"] = "fan-g0", ["senderID"] = "carol", ["groupID"] = "@TGS#s34", ["memberIDs"] = new JsonArray("s34-a", "s34-b"), ["timestamp"] = t + 10, ["summary"] = "earlier" };
        (await _api.PostAsync("/v1/messages", late.ToJsonString())).Ok();

        (await _api.GetAsync(Paths.Conversation("s34-a", "GROUP@TGS#s34"))).Refused(HttpStatusCode.NotFound, 6004);
        var kept = (await _api.GetAsync(Paths.Conversation("s34-b", "GROUP@TGS#s34"))).Ok();
        Assert.Equal(2, kept.Long("unreadCount"));
    }
}
