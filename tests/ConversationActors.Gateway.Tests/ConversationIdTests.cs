using System.Net;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 3.1 over HTTP: Flutter forms accepted and answered canonical; @TIM#SYSTEM and Tencent group IDs percent-encoded.</summary>
public sealed class ConversationIdTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Flutter_c2c_and_group_IDs_are_accepted_everywhere_and_answered_in_canonical_form()
    {
        const string user = "id-flutter";
        var t = Messages.HourAgo;
        var c2c = (await _api.AddMessageAsync(user, "c2c_bob", Messages.Body("m1", "bob", t))).Ok().GetProperty("conversation");
        var group = (await _api.AddMessageAsync(user, "group_team", Messages.Body("g1", "bob", t + 1))).Ok().GetProperty("conversation");

        Assert.Equal("C2Cbob", c2c.Str("conversationID"));
        Assert.Equal("GROUPteam", group.Str("conversationID"));
        Assert.Equal("C2Cbob", (await _api.GetAsync(Paths.Conversation(user, "c2c_bob"))).Ok().Str("conversationID"));
        Assert.Equal("GROUPteam", (await _api.GetAsync(Paths.Conversation(user, "group_team") + "/profile")).Ok().GetProperty("conversation").Str("conversationID"));
        Assert.Equal("C2Cbob", (await _api.PutAsync(Paths.Conversation(user, "c2c_bob") + "/pin", """{"isPinned":true}""")).Ok().GetProperty("conversation").Str("conversationID"));
        Assert.Equal("GROUPteam", (await _api.PostAsync(Paths.Conversation(user, "group_team") + "/read")).Ok().GetProperty("conversation").Str("conversationID"));
        var batch = (await _api.PostAsync(Paths.Conversations(user) + "/batch", """{"conversationIDList":["group_team","c2c_bob"]}""")).Ok();
        Assert.Equal(["GROUPteam", "C2Cbob"], Shapes.Ids(batch));
        Assert.Equal(["C2Cbob", "GROUPteam"], Shapes.Ids((await _api.ListAsync(user)).Ok()));
    }

    [Fact]
    public async Task The_system_conversation_works_percent_encoded_and_renders_as_System()
    {
        const string user = "id-system";
        var path = "/v1/users/" + user + "/conversations/%40TIM%23SYSTEM";

        var added = (await _api.PostAsync(path + "/messages", Messages.Body("s1", "admin", Messages.HourAgo))).Ok().GetProperty("conversation");
        var got = (await _api.GetAsync(path)).Ok();

        foreach (var c in new[] { added, got })
        {
            Assert.Equal("@TIM#SYSTEM", c.Str("conversationID"));
            Assert.Equal("SYSTEM", c.Str("type"));
            Assert.Equal("System", c.Str("showName"));
            Assert.True(c.IsNull("userID") && c.IsNull("groupID") && c.IsNull("faceUrl"));
        }

        Assert.Equal(0, (await _api.PostAsync(path + "/read")).Ok().GetProperty("conversation").Long("unreadCount"));
        (await _api.DeleteAsync(path)).Ok();
        (await _api.GetAsync(path)).Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task A_Tencent_group_ID_with_at_and_hash_works_in_URLs_bodies_and_profiles()
    {
        const string user = "id-tgs";
        const string groupID = "@TGS#2ABCDEF";
        (await _api.PutAsync(Paths.GroupProfile(groupID), """{"name":"Tencent group"}""")).Ok();
        var fanOut = Messages.FanOut("f1", "sender", Messages.HourAgo, b =>
        {
            b["groupID"] = groupID;
            b["memberIDs"] = new JsonArray(user);
        });
        Assert.Equal(1, (await _api.PostAsync("/v1/messages", fanOut)).Ok().Long("delivered"));

        var canonical = (await _api.GetAsync("/v1/users/" + user + "/conversations/GROUP%40TGS%232ABCDEF")).Ok();
        var flutter = (await _api.GetAsync("/v1/users/" + user + "/conversations/group_%40TGS%232ABCDEF/profile")).Ok();

        Assert.Equal("GROUP@TGS#2ABCDEF", canonical.Str("conversationID"));
        Assert.Equal(groupID, canonical.Str("groupID"));
        Assert.Equal("Tencent group", canonical.Str("showName"));
        Assert.Equal(groupID, flutter.GetProperty("groupProfile").Str("groupID"));
        Assert.Equal("Tencent group", (await _api.GetAsync(Paths.GroupProfile(groupID))).Ok().Str("name"));
    }

    [Fact]
    public async Task IDs_of_128_characters_and_non_ASCII_IDs_are_accepted()
    {
        var longUser = new string('u', 128);
        var peer = new string('p', 128);
        const string unicodeUser = "用户-ü";

        var c = (await _api.AddMessageAsync(longUser, "C2C" + peer, Messages.Body(new string('m', 128), peer, Messages.HourAgo))).Ok();
        var u = (await _api.AddMessageAsync(unicodeUser, "C2C好友", Messages.Body("m1", "好友", Messages.HourAgo))).Ok();

        Assert.Equal(peer, c.GetProperty("conversation").Str("userID"));
        Assert.Equal(["C2C好友"], Shapes.Ids((await _api.ListAsync(unicodeUser)).Ok()));
        Assert.Equal("好友", u.GetProperty("conversation").Str("showName"));
    }

    [Fact]
    public async Task IDs_holding_unusual_characters_round_trip_through_body_and_URL()
    {
        string[] peers = ["a%2Fb", "100%", "q?x&y=1", "p+q", "h#t", "quote\"s", "back\\slash", "😀好"];
        const string user = "id-odd-%2F-user";
        var t = Messages.HourAgo;
        for (var i = 0; i < peers.Length; i++)
        {
            (await _api.PostAsync("/v1/messages", Messages.FanOut($"m{i}", peers[i], t + i, b => b["receiverID"] = user))).Ok();
        }

        foreach (var peer in peers)
        {
            var got = (await _api.GetAsync(Paths.Conversation(user, "C2C" + peer))).Ok();
            Assert.Equal("C2C" + peer, got.Str("conversationID"));
            Assert.Equal(peer, got.Str("userID"));
        }

        Assert.Equal(peers.Length, Shapes.Ids((await _api.ListAsync(user)).Ok()).Length);
    }

    [Fact]
    public async Task An_ID_holding_the_characters_percent_2F_is_addressed_as_percent_25_2F_and_a_real_slash_is_refused()
    {
        const string user = "id-pct";
        (await _api.AddMessageAsync(user, "C2Ca%2Fb", Messages.Body("m1", "a%2Fb", Messages.HourAgo))).Ok(); // Paths escapes: %252F

        Assert.Equal("a%2Fb", (await _api.GetAsync("/v1/users/id-pct/conversations/C2Ca%252Fb")).Ok().Str("userID"));
        Assert.Contains("C2Ca%2fb does not exist", (await _api.GetAsync("/v1/users/id-pct/conversations/C2Ca%252fb")).Refused(HttpStatusCode.NotFound, 6004).Desc);
        var slash = (await _api.GetAsync("/v1/users/id-pct/conversations/C2Ca%2Fb")).Refused(HttpStatusCode.BadRequest, 6017);
        Assert.Contains("'/'", slash.Desc);
        (await _api.GetAsync("/v1/users/id%2Fpct/conversations")).Refused(HttpStatusCode.BadRequest, 6017);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_and_dot_dot_are_not_IDs_anywhere(string dots)
    {
        var asSender = await _api.AddMessageAsync("id-dots", "C2Cpeer", Messages.Body("m1", dots, Messages.HourAgo));
        var asPeer = await _api.AddMessageAsync("id-dots", "C2C" + dots, Messages.Body("m2", "peer", Messages.HourAgo));
        var asMsg = await _api.AddMessageAsync("id-dots", "C2Cpeer", Messages.Body(dots, "peer", Messages.HourAgo));
        var asReceiver = await _api.PostAsync("/v1/messages", Messages.FanOut("m3", "peer", Messages.HourAgo, b => b["receiverID"] = dots));

        foreach (var answer in new[] { asSender, asPeer, asMsg, asReceiver })
        {
            Assert.Contains("dot segment", answer.Refused(HttpStatusCode.BadRequest, 6017).Desc);
        }

        Assert.Empty(Shapes.Ids((await _api.ListAsync("id-dots")).Ok()));
    }
}
