using ConversationActors.Client.Model;
using ConversationActors.Client.Requests;
using ConversationActors.Client.Tests.Infrastructure;

namespace ConversationActors.Client.Tests;

/// <summary>The client actions and organizing calls, each checked by what the list shows afterwards.</summary>
public sealed class ActionTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;
    private ConversationActorsClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _client = Clients.For(_gateway.BaseAddress);
        var now = Clients.Now;
        foreach (var (peer, i) in new[] { "bob", "carol", "dave" }.Select((p, i) => (p, i)))
        {
            await _client.AddMessageAsync("alice", "C2C" + peer, new NewMessage { MsgID = "m-" + peer, SenderID = peer, Timestamp = now + i, Summary = "hi from " + peer });
        }
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task Draft_pin_recvOpt_read_clearHistory_revoke_remark_and_delete_change_what_the_list_shows()
    {
        var drafted = await _client.SetConversationDraftAsync("alice", "C2Cbob", "See you at");
        Assert.Equal("See you at", drafted.DraftText);
        Assert.NotNull(drafted.DraftTimestamp);
        Assert.Null((await _client.ClearConversationDraftAsync("alice", "c2c_bob")).DraftText);

        Assert.True((await _client.PinConversationAsync("alice", "C2Ccarol", true)).IsPinned);
        Assert.Equal("C2Ccarol", (await _client.GetConversationListAsync("alice")).ConversationList[0].ConversationID);

        Assert.Equal(RecvOpt.NotReceive, (await _client.SetConversationRecvOptAsync("alice", "C2Cdave", RecvOpt.NotReceive)).RecvOpt);
        Assert.Equal(2, await _client.GetTotalUnreadMessageCountAsync("alice"));

        Assert.Equal(0, (await _client.MarkConversationReadAsync("alice", "C2Cbob")).UnreadCount);
        Assert.Equal(1, await _client.GetTotalUnreadMessageCountAsync("alice"));

        var revoked = await _client.RevokeMessageAsync("alice", "C2Ccarol", "m-carol");
        Assert.True(revoked.LastMessage!.IsRevoked);

        Assert.Null((await _client.ClearHistoryMessageAsync("alice", "C2Ccarol")).LastMessage);
        Assert.Equal("Bobby", (await _client.SetFriendRemarkAsync("alice", "bob", "Bobby")).ShowName);

        await _client.DeleteConversationAsync("alice", "C2Cdave");
        var gone = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.DeleteConversationAsync("alice", "C2Cdave"));
        Assert.Equal(6004, gone.Code);
        Assert.Equal(["C2Ccarol", "C2Cbob"], (await _client.GetConversationListAsync("alice")).ConversationList.Select(c => c.ConversationID));
    }

    [Fact]
    public async Task Marks_custom_data_groups_delete_many_and_clean_unread_answer_per_conversation_results()
    {
        var marked = await _client.MarkConversationAsync("alice", ["C2Cbob", "C2Cnobody"], 1, true);
        Assert.Equal([("C2Cbob", 0), ("C2Cnobody", 6004)], marked.Select(r => (r.ConversationID, r.ResultCode)));
        Assert.Equal([1UL], (await _client.GetConversationAsync("alice", "C2Cbob")).MarkList);
        var notOneMark = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.MarkConversationAsync("alice", ["C2Cbob"], 3, true));
        Assert.Equal(6017, notOneMark.Code);

        await _client.SetConversationCustomDataAsync("alice", ["C2Cbob"], "{\"tag\":\"vip\"}");
        Assert.Equal("{\"tag\":\"vip\"}", (await _client.GetConversationAsync("alice", "C2Cbob")).CustomData);

        await _client.CreateConversationGroupAsync("alice", "Work", ["C2Cbob"]);
        await _client.AddConversationsToGroupAsync("alice", "Work", ["C2Ccarol"]);
        await _client.DeleteConversationsFromGroupAsync("alice", "Work", ["C2Cbob"]);
        await _client.RenameConversationGroupAsync("alice", "Work", "Office");
        Assert.Equal(["Office"], await _client.GetConversationGroupListAsync("alice"));
        Assert.Equal(["C2Ccarol"], (await _client.GetConversationListAsync("alice", new ConversationFilter { ConversationGroup = "Office" })).ConversationList.Select(c => c.ConversationID));
        await _client.DeleteConversationGroupAsync("alice", "Office");
        Assert.Empty(await _client.GetConversationGroupListAsync("alice"));

        Assert.Equal(["C2Cbob"], await _client.CleanConversationUnreadMessageCountAsync("alice", "C2Cbob"));
        Assert.Equal(["C2Cdave", "C2Ccarol"], (await _client.CleanConversationUnreadMessageCountAsync("alice", "c2c")).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(0, await _client.GetTotalUnreadMessageCountAsync("alice"));

        var deleted = await _client.DeleteConversationListAsync("alice", ["C2Cbob", "C2Ccarol"], clearHistory: true);
        Assert.All(deleted, r => Assert.Equal(0, r.ResultCode));
        Assert.Equal(["C2Cdave"], (await _client.GetConversationListAsync("alice")).ConversationList.Select(c => c.ConversationID));
    }

    [Fact]
    public async Task Profiles_are_stored_merged_and_read_back()
    {
        await _client.SetUserProfileAsync("bob", new UserProfileUpdate { Nickname = "Bob", FaceUrl = "https://example.com/bob.png" });
        var merged = await _client.SetUserProfileAsync("bob", new UserProfileUpdate { SelfSignature = "busy" });
        Assert.Equal(new UserProfile("bob", "Bob", "https://example.com/bob.png", "busy"), merged);
        Assert.Equal(merged, await _client.GetUserProfileAsync("bob"));

        var group = await _client.SetGroupProfileAsync("team", new GroupProfileUpdate { Name = "Team", MemberCount = 3 });
        Assert.Equal(3, (await _client.GetGroupProfileAsync("team")).MemberCount);
        Assert.Equal("Team", group.Name);

        var profile = await _client.GetConversationProfileAsync("alice", "C2Cbob");
        Assert.Equal("busy", profile.UserProfile!.SelfSignature);
        Assert.Equal("Bob", profile.Conversation.ShowName);
    }
}
