using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>Every endpoint of SPEC 4.1 and 4.2 answers its success shape; actions on a missing conversation answer 6004.</summary>
public sealed class EndpointTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_user_with_no_events_has_an_empty_finished_list_and_no_unread()
    {
        var list = (await _api.ListAsync("ep-nobody")).Ok();
        var unread = (await _api.GetAsync(Paths.Unread("ep-nobody"))).Ok();

        Assert.Equal(Shapes.Page, Shapes.Names(list));
        Assert.Empty(list.GetProperty("conversationList").EnumerateArray());
        Assert.True(list.Bool("isFinished"));
        Assert.False(string.IsNullOrEmpty(list.Str("nextSeq")));
        Assert.Equal(["totalUnreadCount"], Shapes.Names(unread));
        Assert.Equal(0, unread.Long("totalUnreadCount"));
    }

    [Fact]
    public async Task Adding_a_message_answers_applied_and_the_conversation_with_exactly_the_SPEC_fields()
    {
        var t = Messages.HourAgo;
        var data = (await _api.AddMessageAsync("ep-add", "C2Cpeer", Messages.Body("m1", "peer", t, "hi there"))).Ok();

        Assert.Equal(["applied", "conversation"], Shapes.Names(data));
        Assert.True(data.Bool("applied"));
        var c = Shapes.AssertConversation(data.GetProperty("conversation"));
        Assert.Equal("C2Cpeer", c.Str("conversationID"));
        Assert.Equal("C2C", c.Str("type"));
        Assert.Equal("peer", c.Str("userID"));
        Assert.True(c.IsNull("groupID") && c.IsNull("groupType") && c.IsNull("faceUrl"));
        Assert.Equal("peer", c.Str("showName"));
        var last = c.GetProperty("lastMessage");
        Assert.Equal("m1", last.Str("msgID"));
        Assert.Equal("peer", last.Str("senderID"));
        Assert.Equal(t, last.Long("timestamp"));
        Assert.Equal("TEXT", last.Str("elemType"));
        Assert.Equal("hi there", last.Str("summary"));
        Assert.False(last.Bool("isSelf") || last.Bool("isRevoked"));
        Assert.Equal(1, c.Long("unreadCount"));
        Assert.True(c.IsNull("draftText") && c.IsNull("draftTimestamp"));
        Assert.False(c.Bool("isPinned"));
        Assert.Equal(1, c.Long("orderKey"));
        Assert.Equal("RECEIVE", c.Str("recvOpt"));
        Assert.Empty(c.GetProperty("groupAtInfoList").EnumerateArray());
    }

    [Fact]
    public async Task A_retried_message_answers_not_applied_with_the_same_conversation()
    {
        var body = Messages.Body("m1", "peer", Messages.HourAgo);
        var first = (await _api.AddMessageAsync("ep-retry", "C2Cpeer", body)).Ok();
        var second = (await _api.AddMessageAsync("ep-retry", "C2Cpeer", body)).Ok();

        Assert.False(second.Bool("applied"));
        Assert.Equal(first.GetProperty("conversation").GetRawText(), second.GetProperty("conversation").GetRawText());
    }

    [Fact]
    public async Task A_group_message_mentioning_the_owner_shows_groupType_and_an_AT_ME_entry()
    {
        var body = Messages.Body("g1", "someone", Messages.HourAgo, "@owner look", b =>
        {
            b["atUserIDs"] = new JsonArray("ep-group");
            b["groupType"] = "Work";
            b["elemType"] = "IMAGE";
        });
        var c = Shapes.AssertConversation((await _api.AddMessageAsync("ep-group", "GROUPteam", body)).Ok().GetProperty("conversation"));

        Assert.Equal("GROUPteam", c.Str("conversationID"));
        Assert.Equal("GROUP", c.Str("type"));
        Assert.True(c.IsNull("userID"));
        Assert.Equal("team", c.Str("groupID"));
        Assert.Equal("Work", c.Str("groupType"));
        Assert.Equal("team", c.Str("showName"));
        Assert.Equal("IMAGE", c.GetProperty("lastMessage").Str("elemType"));
        var at = Assert.Single(c.GetProperty("groupAtInfoList").EnumerateArray());
        Assert.Equal("g1", at.Str("msgID"));
        Assert.Equal("AT_ME", at.Str("atType"));
    }

    [Fact]
    public async Task Get_one_answers_the_conversation_itself_and_404_CONVERSATION_NOT_FOUND_when_unknown()
    {
        await _api.AddMessageAsync("ep-get", "C2Cpeer", Messages.Body("m1", "peer", Messages.HourAgo));

        var found = (await _api.GetAsync(Paths.Conversation("ep-get", "C2Cpeer"))).Ok();
        var missing = await _api.GetAsync(Paths.Conversation("ep-get", "C2Cstranger"));

        Assert.Equal("C2Cpeer", Shapes.AssertConversation(found).Str("conversationID"));
        missing.Refused(HttpStatusCode.NotFound, 6004);
        Assert.Contains("C2Cstranger", missing.Desc);
        Assert.Equal(JsonValueKind.Null, missing.Data.ValueKind);
    }

    [Fact]
    public async Task The_profile_answers_conversation_userProfile_and_stats_for_C2C_and_groupProfile_for_GROUP()
    {
        var t = Messages.HourAgo;
        await _api.AddMessageAsync("ep-profile", "C2Cpeer", Messages.Body("m1", "peer", t + 5));
        await _api.AddMessageAsync("ep-profile", "C2Cpeer", Messages.Body("m2", "ep-profile", t));
        await _api.AddMessageAsync("ep-profile", "GROUPteam", Messages.Body("g1", "peer", t));

        var c2c = (await _api.GetAsync(Paths.Conversation("ep-profile", "C2Cpeer") + "/profile")).Ok();
        var group = (await _api.GetAsync(Paths.Conversation("ep-profile", "GROUPteam") + "/profile")).Ok();
        var missing = await _api.GetAsync(Paths.Conversation("ep-profile", "C2Cnobody") + "/profile");

        Assert.Equal(["conversation", "userProfile", "stats"], Shapes.Names(c2c));
        Shapes.AssertConversation(c2c.GetProperty("conversation"));
        Assert.Equal(Shapes.UserProfile, Shapes.Names(c2c.GetProperty("userProfile")));
        Assert.Equal("peer", c2c.GetProperty("userProfile").Str("userID"));
        var stats = c2c.GetProperty("stats");
        Assert.Equal(Shapes.Stats, Shapes.Names(stats));
        Assert.Equal(2, stats.Long("messageCount"));
        Assert.Equal(t, stats.Long("firstMessageTimestamp"));
        Assert.InRange(stats.Long("createdAt"), Messages.Now - 60_000, Messages.Now);
        Assert.Equal(["conversation", "groupProfile", "stats"], Shapes.Names(group));
        Assert.Equal(Shapes.GroupProfile, Shapes.Names(group.GetProperty("groupProfile")));
        Assert.Equal("team", group.GetProperty("groupProfile").Str("groupID"));
        missing.Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task Total_unread_sums_the_conversations_that_receive()
    {
        const string user = "ep-unread";
        var t = Messages.HourAgo;
        await _api.AddMessageAsync(user, "C2Ca", Messages.Body("a1", "a", t));
        await _api.AddMessageAsync(user, "C2Ca", Messages.Body("a2", "a", t + 1));
        await _api.AddMessageAsync(user, "C2Cb", Messages.Body("b1", "b", t + 2));
        await _api.AddMessageAsync(user, "C2Cc", Messages.Body("c1", "c", t + 3));
        await _api.AddMessageAsync(user, "C2Cc", Messages.Body("mine", user, t + 4));
        (await _api.PutAsync(Paths.Conversation(user, "C2Cb") + "/recvOpt", """{"recvOpt":"RECEIVE_NOT_NOTIFY"}""")).Ok();

        var data = (await _api.GetAsync(Paths.Unread(user))).Ok();

        Assert.Equal(3, data.Long("totalUnreadCount"));
    }

    [Fact]
    public async Task Each_action_answers_the_conversation_as_it_is_now()
    {
        const string user = "ep-actions";
        var conv = Paths.Conversation(user, "C2Cpeer");
        var t = Messages.HourAgo;
        await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m1", "peer", t));
        await _api.AddMessageAsync(user, "C2Cother", Messages.Body("o1", "other", t + 1));

        var draft = Action(await _api.PutAsync(conv + "/draft", """{"draftText":"unsent words"}"""));
        Assert.Equal("unsent words", draft.Str("draftText"));
        Assert.InRange(draft.Long("draftTimestamp"), Messages.Now - 60_000, Messages.Now);
        Assert.Equal(3, draft.Long("orderKey"));

        var cleared = Action(await _api.DeleteAsync(conv + "/draft"));
        Assert.True(cleared.IsNull("draftText") && cleared.IsNull("draftTimestamp"));
        Assert.Equal(3, cleared.Long("orderKey"));

        Assert.True(Action(await _api.PutAsync(conv + "/pin", """{"isPinned":true}""")).Bool("isPinned"));
        Assert.False(Action(await _api.PutAsync(conv + "/pin", """{"isPinned":false}""")).Bool("isPinned"));
        Assert.Equal("NOT_RECEIVE", Action(await _api.PutAsync(conv + "/recvOpt", """{"recvOpt":"NOT_RECEIVE"}""")).Str("recvOpt"));
        Assert.Equal(0, Action(await _api.PostAsync(conv + "/read")).Long("unreadCount"));

        var revoked = Action(await _api.PostAsync(conv + "/messages/m1/revoke")).GetProperty("lastMessage");
        Assert.True(revoked.Bool("isRevoked"));
        Assert.Equal("[message revoked]", revoked.Str("summary"));

        Assert.True(Action(await _api.PostAsync(conv + "/clearHistory")).IsNull("lastMessage"));
        Assert.Equal("Pal", Action(await _api.PutAsync(Paths.Remark(user, "peer"), """{"remark":"Pal"}""")).Str("showName"));

        var deleted = (await _api.DeleteAsync(conv)).Ok();
        Assert.Equal(JsonValueKind.Null, deleted.ValueKind);
        (await _api.GetAsync(conv)).Refused(HttpStatusCode.NotFound, 6004);
        Assert.Equal(["C2Cother"], Shapes.Ids((await _api.ListAsync(user)).Ok()));
    }

    [Fact]
    public async Task A_read_with_upToTimestamp_clears_only_the_messages_at_or_before_it()
    {
        const string user = "ep-read-upto";
        var conv = Paths.Conversation(user, "C2Cpeer");
        var t = Messages.HourAgo;
        for (var i = 0; i < 4; i++)
        {
            await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body($"m{i}", "peer", t + i));
        }

        var read = Action(await _api.PostAsync(conv + "/read", $$"""{"upToTimestamp":{{t + 1}}}"""));

        Assert.Equal(2, read.Long("unreadCount"));
    }

    [Fact]
    public async Task A_read_with_an_empty_chunked_body_is_a_read_without_a_body()
    {
        const string user = "ep-read-chunked";
        await _api.AddMessageAsync(user, "C2Cpeer", Messages.Body("m1", "peer", Messages.HourAgo));
        using var request = new HttpRequestMessage(HttpMethod.Post, Paths.Conversation(user, "C2Cpeer") + "/read")
        {
            Content = new StreamContent(new MemoryStream()),
        };
        request.Headers.TransferEncodingChunked = true;

        var read = Action(await _api.SendAsync(request));

        Assert.Equal(0, read.Long("unreadCount"));
    }

    [Fact]
    public async Task A_pin_and_a_non_empty_draft_create_a_missing_conversation()
    {
        const string user = "ep-create";
        var pinned = Action(await _api.PutAsync(Paths.Conversation(user, "C2Cpinned") + "/pin", """{"isPinned":true}"""));
        var drafted = Action(await _api.PutAsync(Paths.Conversation(user, "GROUPdrafted") + "/draft", """{"draftText":"x"}"""));

        Assert.True(pinned.Bool("isPinned"));
        Assert.True(pinned.IsNull("lastMessage"));
        Assert.Equal("x", drafted.Str("draftText"));
        Assert.Equal(["C2Cpinned", "GROUPdrafted"], Shapes.Ids((await _api.ListAsync(user)).Ok()));
    }

    [Theory]
    [InlineData("POST", "/read", null)]
    [InlineData("PUT", "/recvOpt", """{"recvOpt":"NOT_RECEIVE"}""")]
    [InlineData("POST", "/clearHistory", null)]
    [InlineData("DELETE", "", null)]
    [InlineData("POST", "/messages/m1/revoke", null)]
    [InlineData("PUT", "/pin", """{"isPinned":false}""")]
    [InlineData("DELETE", "/draft", null)]
    [InlineData("PUT", "/draft", """{"draftText":""}""")]
    [InlineData("PUT", "/draft", """{"draftText":null}""")]
    public async Task An_action_that_does_not_create_answers_CONVERSATION_NOT_FOUND_on_a_missing_conversation_and_creates_nothing(
        string method, string suffix, string? body)
    {
        const string user = "ep-missing";
        var answer = await _api.SendAsync(new HttpMethod(method), Paths.Conversation(user, "C2Cghost") + suffix, body);

        answer.Refused(HttpStatusCode.NotFound, 6004);
        Assert.Contains("C2Cghost", answer.Desc);
        (await _api.GetAsync(Paths.Conversation(user, "C2Cghost"))).Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task A_PUT_that_changes_nothing_activates_nothing()
    {
        const string user = "ep-noop";
        var t = Messages.HourAgo;
        await _api.PutAsync(Paths.Conversation(user, "C2Ca") + "/pin", """{"isPinned":true}""");
        await _api.PutAsync(Paths.Conversation(user, "C2Cb") + "/draft", """{"draftText":"same"}""");
        await _api.AddMessageAsync(user, "C2Cc", Messages.Body("c1", "c", t));
        var before = (await _api.ListAsync(user)).Body;

        Action(await _api.PutAsync(Paths.Conversation(user, "C2Ca") + "/pin", """{"isPinned":true}"""));
        Action(await _api.PutAsync(Paths.Conversation(user, "C2Cb") + "/draft", """{"draftText":"same"}"""));
        Action(await _api.PutAsync(Paths.Conversation(user, "C2Cc") + "/recvOpt", """{"recvOpt":"RECEIVE"}"""));

        Assert.Equal(before, (await _api.ListAsync(user)).Body);
    }

    private static JsonElement Action(Answer answer)
    {
        var data = answer.Ok();
        Assert.Equal(["conversation"], Shapes.Names(data));
        return Shapes.AssertConversation(data.GetProperty("conversation"));
    }
}
