using System.Net;
using System.Text.Json;
using ConversationActors.Gateway.Tests.Infrastructure;

namespace ConversationActors.Gateway.Tests;

/// <summary>Issue #10 over HTTP: marks, custom data, groups, filters, delete many and clean unread by scope.</summary>
public sealed class OrganizeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly Api _api = fixture.Api;

    /// <summary>bob and carol (C2C, one unread each) and GROUPteam (one unread, @ me), oldest first.</summary>
    private async Task SeedAsync(string user)
    {
        var t = Messages.HourAgo;
        (await _api.AddMessageAsync(user, "C2Cbob", Messages.Body("b1", "bob", t))).Ok();
        (await _api.AddMessageAsync(user, "C2Ccarol", Messages.Body("c1", "carol", t + 1))).Ok();
        (await _api.AddMessageAsync(user, "GROUPteam", Messages.Body("g1", "dave", t + 2, more: b => b["atUserIDs"] = new System.Text.Json.Nodes.JsonArray(user)))).Ok();
    }

    private static (string ID, int Code)[] Results(JsonElement data) =>
        data.GetProperty("resultList").EnumerateArray().Select(r =>
        {
            Assert.Equal(["conversationID", "resultCode", "resultInfo"], Shapes.Names(r));
            return (r.Str("conversationID")!, r.GetProperty("resultCode").GetInt32());
        }).ToArray();

    private async Task<JsonElement> GetAsync(string user, string conversationID) =>
        Shapes.AssertConversation((await _api.GetAsync(Paths.Conversation(user, conversationID))).Ok());

    [Fact]
    public async Task Marking_answers_per_ID_results_and_the_conversation_shows_its_markList()
    {
        await SeedAsync("org-mark");

        var data = (await _api.PutAsync(Paths.Conversations("org-mark") + "/marks",
            """{"conversationIDList":["C2Cbob","c2c_nobody","GROUPteam"],"markType":9223372036854775808,"enable":true}""")).Ok();
        (await _api.PutAsync(Paths.Conversations("org-mark") + "/marks", """{"conversationIDList":["C2Cbob"],"markType":2,"enable":true}""")).Ok();

        Assert.Equal([("C2Cbob", 0), ("C2Cnobody", 6004), ("GROUPteam", 0)], Results(data));
        var bob = await GetAsync("org-mark", "C2Cbob");
        Assert.Equal([2UL, 9223372036854775808UL], bob.GetProperty("markList").EnumerateArray().Select(m => m.GetUInt64()));
        Assert.Equal(1, bob.Long("unreadCount"));
        Assert.Empty((await GetAsync("org-mark", "C2Ccarol")).GetProperty("markList").EnumerateArray());
    }

    [Fact]
    public async Task A_hidden_conversation_leaves_the_list_keeps_counting_unread_and_returns_with_its_next_message()
    {
        await SeedAsync("org-hide");
        (await _api.PutAsync(Paths.Conversations("org-hide") + "/marks", """{"conversationIDList":["C2Cbob"],"markType":8,"enable":true}""")).Ok();

        Assert.Equal(["GROUPteam", "C2Ccarol"], Shapes.Ids((await _api.ListAsync("org-hide")).Ok()));
        Assert.Equal(["GROUPteam", "C2Ccarol"], Shapes.Ids((await _api.ListAsync("org-hide", "?nextSeq=0&count=5")).Ok()));
        Assert.Equal(["C2Cbob"], Shapes.Ids((await _api.ListAsync("org-hide", "?markType=8")).Ok()));
        Assert.Equal(3, (await _api.GetAsync(Paths.Unread("org-hide"))).Ok().Long("totalUnreadCount"));
        Assert.Equal("C2Cbob", (await GetAsync("org-hide", "C2Cbob")).Str("conversationID"));

        (await _api.AddMessageAsync("org-hide", "C2Cbob", Messages.Body("b2", "bob", Messages.Now))).Ok();

        Assert.Equal(["C2Cbob", "GROUPteam", "C2Ccarol"], Shapes.Ids((await _api.ListAsync("org-hide")).Ok()));
        Assert.Empty((await GetAsync("org-hide", "C2Cbob")).GetProperty("markList").EnumerateArray());
    }

    [Fact]
    public async Task Custom_data_is_set_for_many_conversations_and_cleared_with_an_empty_string()
    {
        await SeedAsync("org-data");

        var data = (await _api.PutAsync(Paths.Conversations("org-data") + "/customData",
            """{"conversationIDList":["C2Cbob","GROUPteam","C2Cghost"],"customData":"{\"color\":\"red\"}"}""")).Ok();

        Assert.Equal([("C2Cbob", 0), ("GROUPteam", 0), ("C2Cghost", 6004)], Results(data));
        Assert.Equal("{\"color\":\"red\"}", (await GetAsync("org-data", "GROUPteam")).Str("customData"));
        (await _api.PutAsync(Paths.Conversations("org-data") + "/customData", """{"conversationIDList":["C2Cbob"],"customData":""}""")).Ok();
        Assert.True((await GetAsync("org-data", "C2Cbob")).IsNull("customData"));
    }

    [Fact]
    public async Task Conversation_groups_are_created_listed_renamed_filled_emptied_and_deleted()
    {
        await SeedAsync("org-groups");
        var groups = Paths.User("org-groups") + "/conversationGroups";

        var created = (await _api.PostAsync(groups, """{"groupName":"Work 工作","conversationIDList":["C2Cbob","C2Cnone"]}""")).Ok();
        Assert.Equal([("C2Cbob", 0), ("C2Cnone", 6004)], Results(created));
        Assert.Equal(["Work 工作"], (await _api.GetAsync(groups)).Ok().GetProperty("conversationGroupList").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(["Work 工作"], (await GetAsync("org-groups", "C2Cbob")).GetProperty("conversationGroupList").EnumerateArray().Select(g => g.GetString()));

        (await _api.PutAsync(groups + "/" + Uri.EscapeDataString("Work 工作"), """{"newName":"Office"}""")).Ok();
        var added = (await _api.PostAsync(groups + "/Office/conversations", """{"conversationIDList":["GROUPteam","C2Cbob"]}""")).Ok();
        Assert.Equal([("GROUPteam", 0), ("C2Cbob", 0)], Results(added));
        Assert.Equal(["GROUPteam", "C2Cbob"], Shapes.Ids((await _api.ListAsync("org-groups", "?conversationGroup=Office")).Ok()));
        Assert.Equal(2, (await _api.GetAsync(Paths.Unread("org-groups") + "?conversationGroup=Office")).Ok().Long("totalUnreadCount"));

        (await _api.PostAsync(groups + "/Office/conversations/delete", """{"conversationIDList":["C2Cbob"]}""")).Ok();
        Assert.Equal(["GROUPteam"], Shapes.Ids((await _api.ListAsync("org-groups", "?conversationGroup=Office")).Ok()));
        (await _api.PostAsync(groups, """{"groupName":"Office","conversationIDList":["C2Cbob"]}""")).Refused(HttpStatusCode.BadRequest, 6017);

        Assert.Equal(JsonValueKind.Null, (await _api.DeleteAsync(groups + "/Office")).Ok().ValueKind);
        Assert.Empty((await _api.GetAsync(groups)).Ok().GetProperty("conversationGroupList").EnumerateArray());
        Assert.Empty((await GetAsync("org-groups", "GROUPteam")).GetProperty("conversationGroupList").EnumerateArray());
    }

    [Fact]
    public async Task A_21st_group_is_refused()
    {
        await SeedAsync("org-twenty");
        for (var i = 0; i < 20; i++)
        {
            (await _api.PostAsync(Paths.User("org-twenty") + "/conversationGroups", $"{{\"groupName\":\"g{i}\",\"conversationIDList\":[\"C2Cbob\"]}}")).Ok();
        }

        var refused = (await _api.PostAsync(Paths.User("org-twenty") + "/conversationGroups", """{"groupName":"g20","conversationIDList":["C2Cbob"]}"""))
            .Refused(HttpStatusCode.BadRequest, 6017);

        Assert.Contains("20", refused.Desc);
    }

    [Fact]
    public async Task Filters_combine_with_each_other_and_with_paging()
    {
        await SeedAsync("org-filter");
        (await _api.PostAsync(Paths.Conversation("org-filter", "C2Ccarol") + "/read")).Ok();

        Assert.Equal(["C2Ccarol", "C2Cbob"], Shapes.Ids((await _api.ListAsync("org-filter", "?type=C2C")).Ok()));
        Assert.Equal(["GROUPteam"], Shapes.Ids((await _api.ListAsync("org-filter", "?type=GROUP&hasAt=true")).Ok()));
        Assert.Equal(["C2Cbob"], Shapes.Ids((await _api.ListAsync("org-filter", "?type=C2C&hasUnread=true")).Ok()));
        Assert.Equal(1, (await _api.GetAsync(Paths.Unread("org-filter") + "?type=C2C")).Ok().Long("totalUnreadCount"));

        var first = (await _api.ListAsync("org-filter", "?hasUnread=true&count=1")).Ok();
        Assert.Equal(["GROUPteam"], Shapes.Ids(first));
        Assert.False(first.Bool("isFinished"));
        var second = (await _api.ListAsync("org-filter", "?hasUnread=true&count=1&nextSeq=" + Uri.EscapeDataString(first.Str("nextSeq")!))).Ok();
        Assert.Equal(["C2Cbob"], Shapes.Ids(second));
        Assert.True(second.Bool("isFinished"));
    }

    [Fact]
    public async Task Deleting_many_answers_per_ID_and_removes_the_existing_ones()
    {
        await SeedAsync("org-delete");

        var data = (await _api.PostAsync(Paths.Conversations("org-delete") + "/delete",
            """{"conversationIDList":["C2Cbob","C2Cnobody","GROUPteam"],"clearHistory":true}""")).Ok();

        Assert.Equal([("C2Cbob", 0), ("C2Cnobody", 6004), ("GROUPteam", 0)], Results(data));
        Assert.Equal(["C2Ccarol"], Shapes.Ids((await _api.ListAsync("org-delete")).Ok()));
        Assert.Equal(1, (await _api.GetAsync(Paths.Unread("org-delete"))).Ok().Long("totalUnreadCount"));
    }

    [Theory]
    [InlineData("c2c", 1, "C2Ccarol,C2Cbob")]
    [InlineData("group", 2, "GROUPteam")]
    [InlineData("", 0, "GROUPteam,C2Ccarol,C2Cbob")]
    public async Task Cleaning_unread_by_scope_answers_the_conversations_cleaned(string scope, long left, string cleaned)
    {
        var user = "org-clean-" + (scope == "" ? "all" : scope);
        await SeedAsync(user);

        var data = (await _api.PostAsync(Paths.Conversations(user) + "/read", $"{{\"conversationID\":\"{scope}\"}}")).Ok();

        // Exactly the ones in scope that had something to clear, in list order (newest first).
        Assert.Equal(cleaned.Split(','), data.GetProperty("conversationIDList").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(left, (await _api.GetAsync(Paths.Unread(user))).Ok().Long("totalUnreadCount"));

        // A second clean of the same scope has nothing left to clear.
        var again = (await _api.PostAsync(Paths.Conversations(user) + "/read", $"{{\"conversationID\":\"{scope}\"}}")).Ok();
        Assert.Empty(again.GetProperty("conversationIDList").EnumerateArray());
    }

    [Fact]
    public async Task Cleaning_one_conversation_by_ID_works_and_a_missing_one_is_6004()
    {
        await SeedAsync("org-clean-one");

        var data = (await _api.PostAsync(Paths.Conversations("org-clean-one") + "/read", """{"conversationID":"c2c_bob"}""")).Ok();

        Assert.Equal(["C2Cbob"], data.GetProperty("conversationIDList").EnumerateArray().Select(i => i.GetString()));
        (await _api.PostAsync(Paths.Conversations("org-clean-one") + "/read", """{"conversationID":"C2Cghost"}""")).Refused(HttpStatusCode.NotFound, 6004);
    }

    [Fact]
    public async Task The_new_events_show_in_the_audit_log_one_entry_per_changed_conversation()
    {
        await SeedAsync("org-audit");
        (await _api.PostAsync(Paths.User("org-audit") + "/conversationGroups", """{"groupName":"a","conversationIDList":["C2Cbob","C2Ccarol"]}""")).Ok();

        var events = (await _api.GetAsync(Paths.User("org-audit") + "/events?fromSeq=4")).Ok();

        Assert.Equal(
            ["ConversationGroupCreated.v1", "ConversationAddedToGroup.v1", "ConversationAddedToGroup.v1"],
            events.EnumerateArray().Select(e => e.Str("type")));
        Assert.Equal([4L, 5L, 6L], events.EnumerateArray().Select(e => e.Long("seq")));
    }
}
