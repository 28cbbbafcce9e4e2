using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>SPEC 3.4 profiles: PUT merges, null clears; lists render showName and faceUrl from profiles; the profile endpoint shows them.</summary>
public sealed class ProfileTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_user_profile_PUT_merges_the_fields_present_and_null_clears_one()
    {
        var path = Paths.UserProfile("pf-ann");

        var full = (await _api.PutAsync(path, """{"nickname":"Ann","faceUrl":"https://img/ann.png","selfSignature":"hi"}""")).Ok();
        var merged = (await _api.PutAsync(path, """{"nickname":"Anna"}""")).Ok();
        var cleared = (await _api.PutAsync(path, """{"faceUrl":null}""")).Ok();
        var read = (await _api.GetAsync(path)).Ok();

        Assert.Equal(["userID", "nickname", "faceUrl", "selfSignature"], Shapes.Names(full));
        Assert.Equal("https://img/ann.png", full.Str("faceUrl"));
        Assert.Equal(("Anna", "https://img/ann.png", "hi"), (merged.Str("nickname"), merged.Str("faceUrl"), merged.Str("selfSignature")));
        Assert.Equal(("Anna", null, "hi"), (cleared.Str("nickname"), cleared.Str("faceUrl"), cleared.Str("selfSignature")));
        Assert.Equal(cleared.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task A_group_profile_PUT_merges_the_fields_present_and_null_clears_one()
    {
        var path = Paths.GroupProfile("pf-group");
        var all = """{"name":"Team","faceUrl":"https://img/t.png","groupType":"Public","introduction":"about","notification":"notice","ownerID":"pf-owner","memberCount":12}""";

        var full = (await _api.PutAsync(path, all)).Ok();
        var merged = (await _api.PutAsync(path, """{"memberCount":13,"name":null}""")).Ok();

        Assert.Equal(Shapes.GroupProfile, Shapes.Names(full));
        Assert.Equal("Public", full.Str("groupType"));
        Assert.Equal(12, full.Long("memberCount"));
        Assert.True(merged.IsNull("name"));
        Assert.Equal(13, merged.Long("memberCount"));
        Assert.Equal(("https://img/t.png", "about", "notice", "pf-owner"), (merged.Str("faceUrl"), merged.Str("introduction"), merged.Str("notification"), merged.Str("ownerID")));
        Assert.Equal(merged.GetRawText(), (await _api.GetAsync(path)).Ok().GetRawText());
    }

    [Fact]
    public async Task A_C2C_showName_is_the_remark_then_the_nickname_then_the_userID_and_faceUrl_the_peers_avatar()
    {
        const string owner = "pf-viewer";
        await _api.AddMessageAsync(owner, "C2Cpf-friend", Messages.Body("m1", "pf-friend", Messages.HourAgo));

        Assert.Equal(("pf-friend", null), await NameAndFaceAsync(owner, "C2Cpf-friend"));
        await _api.PutAsync(Paths.UserProfile("pf-friend"), """{"nickname":"Friend","faceUrl":"https://img/f.png"}""");
        Assert.Equal(("Friend", "https://img/f.png"), await NameAndFaceAsync(owner, "C2Cpf-friend"));
        await _api.PutAsync(Paths.Remark(owner, "pf-friend"), """{"remark":"Bestie"}""");
        Assert.Equal(("Bestie", "https://img/f.png"), await NameAndFaceAsync(owner, "C2Cpf-friend"));
        await _api.PutAsync(Paths.Remark(owner, "pf-friend"), """{"remark":""}""");
        Assert.Equal(("Friend", "https://img/f.png"), await NameAndFaceAsync(owner, "C2Cpf-friend"));
        await _api.PutAsync(Paths.UserProfile("pf-friend"), """{"nickname":""}""");
        Assert.Equal(("pf-friend", "https://img/f.png"), await NameAndFaceAsync(owner, "C2Cpf-friend"));
    }

    [Fact]
    public async Task A_GROUP_showName_is_the_group_name_then_the_groupID_and_faceUrl_the_groups_avatar()
    {
        const string owner = "pf-member";
        await _api.AddMessageAsync(owner, "GROUPpf-club", Messages.Body("g1", "x", Messages.HourAgo));

        Assert.Equal(("pf-club", null), await NameAndFaceAsync(owner, "GROUPpf-club"));
        await _api.PutAsync(Paths.GroupProfile("pf-club"), """{"name":"Club","faceUrl":"https://img/c.png"}""");
        Assert.Equal(("Club", "https://img/c.png"), await NameAndFaceAsync(owner, "GROUPpf-club"));
        await _api.PutAsync(Paths.GroupProfile("pf-club"), """{"name":null}""");
        Assert.Equal(("pf-club", "https://img/c.png"), await NameAndFaceAsync(owner, "GROUPpf-club"));
    }

    [Fact]
    public async Task The_profile_endpoint_shows_the_current_user_profile_with_the_owners_remark_and_the_stats()
    {
        const string owner = "pf-detail";
        var t = Messages.HourAgo;
        await _api.PutAsync(Paths.UserProfile("pf-peer"), """{"nickname":"Peer","faceUrl":"https://img/p.png","selfSignature":"sig"}""");
        await _api.PutAsync(Paths.Remark(owner, "pf-peer"), """{"remark":"P"}""");
        await _api.AddMessageAsync(owner, "C2Cpf-peer", Messages.Body("m2", "pf-peer", t + 10));
        await _api.AddMessageAsync(owner, "C2Cpf-peer", Messages.Body("m1", "pf-peer", t));
        await _api.AddMessageAsync(owner, "C2Cpf-peer", Messages.Body("m1", "pf-peer", t)); // a duplicate is not counted
        await _api.PutAsync(Paths.UserProfile("pf-peer"), """{"selfSignature":"new sig"}""");

        var data = (await _api.GetAsync(Paths.Conversation(owner, "C2Cpf-peer") + "/profile")).Ok();

        var user = data.GetProperty("userProfile");
        Assert.Equal(("pf-peer", "Peer", "https://img/p.png", "new sig", "P"),
            (user.Str("userID"), user.Str("nickname"), user.Str("faceUrl"), user.Str("selfSignature"), user.Str("remark")));
        Assert.Equal("P", data.GetProperty("conversation").Str("showName"));
        var stats = data.GetProperty("stats");
        Assert.Equal(2, stats.Long("messageCount"));
        Assert.Equal(t, stats.Long("firstMessageTimestamp"));
        Assert.InRange(stats.Long("createdAt"), Messages.Now - 60_000, Messages.Now);
    }

    [Fact]
    public async Task The_profile_endpoint_shows_the_current_group_profile()
    {
        const string owner = "pf-gdetail";
        await _api.AddMessageAsync(owner, "GROUPpf-g2", Messages.Body("g1", "x", Messages.HourAgo));
        await _api.PutAsync(Paths.GroupProfile("pf-g2"), """{"name":"G2","ownerID":"x","memberCount":3,"groupType":"Meeting"}""");

        var data = (await _api.GetAsync(Paths.Conversation(owner, "GROUPpf-g2") + "/profile")).Ok();

        var group = data.GetProperty("groupProfile");
        Assert.Equal(Shapes.GroupProfile, Shapes.Names(group));
        Assert.Equal(("pf-g2", "G2", "x", 3L, "Meeting"), (group.Str("groupID"), group.Str("name"), group.Str("ownerID"), group.Long("memberCount"), group.Str("groupType")));
        Assert.Equal("Meeting", data.GetProperty("conversation").Str("groupType"));
    }

    [Fact]
    public async Task A_SYSTEM_conversation_profile_has_neither_a_user_nor_a_group_profile()
    {
        const string owner = "pf-system";
        await _api.PostAsync("/v1/users/" + owner + "/conversations/%40TIM%23SYSTEM/messages", Messages.Body("s1", "admin", Messages.HourAgo));

        var data = (await _api.GetAsync("/v1/users/" + owner + "/conversations/%40TIM%23SYSTEM/profile")).Ok();

        Assert.Equal(["conversation", "stats"], Shapes.Names(data));
        Assert.Equal(1, data.GetProperty("stats").Long("messageCount"));
    }

    private async Task<(string? ShowName, string? FaceUrl)> NameAndFaceAsync(string owner, string conversationID)
    {
        var list = (await _api.ListAsync(owner)).Ok().GetProperty("conversationList").EnumerateArray()
            .Single(c => c.Str("conversationID") == conversationID);
        var batch = (await _api.PostAsync(Paths.Conversations(owner) + "/batch", new JsonObject { ["conversationIDList"] = new JsonArray(conversationID) }.ToJsonString()))
            .Ok().GetProperty("conversationList")[0];
        Assert.Equal(list.GetRawText(), batch.GetRawText());
        return (list.Str("showName"), list.Str("faceUrl"));
    }
}
