using System.Net;
using ConversationActors.Client.Model;
using ConversationActors.Client.Requests;
using ConversationActors.Client.Tests.Infrastructure;

namespace ConversationActors.Client.Tests;

/// <summary>The seed's query calls through the client, against a real gateway.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;
    private ConversationActorsClient _client = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayServer.StartAsync();
        _client = Clients.For(_gateway.BaseAddress);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_seed_calls_answer_the_list_a_page_a_batch_one_conversation_its_profile_and_unread()
    {
        var now = Clients.Now;
        Assert.Equal(new FanOutResult(2, 0), await _client.FanOutMessageAsync(new FanOutMessage { MsgID = "m1", SenderID = "bob", ReceiverID = "alice", Timestamp = now, Summary = "Lunch?" }));
        Assert.Equal(new FanOutResult(0, 2), await _client.FanOutMessageAsync(new FanOutMessage { MsgID = "m1", SenderID = "bob", ReceiverID = "alice", Timestamp = now, Summary = "Lunch?" }));
        await _client.FanOutMessageAsync(new FanOutMessage { MsgID = "g1", SenderID = "carol", GroupID = "@TGS#2TEAM", MemberIDs = ["alice", "carol"], Timestamp = now + 1, Summary = "Standup", AtAll = true });
        await _client.SetUserProfileAsync("bob", new UserProfileUpdate { Nickname = "Bob" });
        await _client.SetGroupProfileAsync("@TGS#2TEAM", new GroupProfileUpdate { Name = "Team", GroupType = GroupType.Work });

        var all = await _client.GetConversationListAsync("alice");
        Assert.True(all.IsFinished);
        Assert.Equal(["GROUP@TGS#2TEAM", "C2Cbob"], all.ConversationList.Select(c => c.ConversationID));
        Assert.Equal([new GroupAtInfo("g1", AtType.AtAll)], all.ConversationList[0].GroupAtInfoList);
        Assert.Equal("Bob", all.ConversationList[1].ShowName);
        Assert.Equal(now, all.ConversationList[1].LastMessage!.Timestamp);

        var first = await _client.GetConversationListPageAsync("alice", "0", 1);
        Assert.False(first.IsFinished);
        var second = await _client.GetConversationListPageAsync("alice", first.NextSeq, 1);
        Assert.Equal(["GROUP@TGS#2TEAM", "C2Cbob"], first.ConversationList.Concat(second.ConversationList).Select(c => c.ConversationID));

        var batch = await _client.GetConversationListAsync("alice", ["c2c_bob", "C2Cnobody", "group_@TGS#2TEAM"]);
        Assert.Equal(["C2Cbob", "GROUP@TGS#2TEAM"], batch.Select(c => c.ConversationID));

        var group = await _client.GetConversationAsync("alice", "GROUP@TGS#2TEAM");
        Assert.Equal(GroupType.Work, group.GroupType);
        Assert.Equal(RecvOpt.Receive, group.RecvOpt);

        var profile = await _client.GetConversationProfileAsync("alice", "GROUP@TGS#2TEAM");
        Assert.Equal("Team", profile.GroupProfile!.Name);
        Assert.Equal(1, profile.Stats.MessageCount);
        Assert.Null(profile.UserProfile);

        Assert.Equal(2, await _client.GetTotalUnreadMessageCountAsync("alice"));
        Assert.Equal(1, await _client.GetTotalUnreadMessageCountAsync("alice", new ConversationFilter { Type = ConversationType.C2C }));
        Assert.Equal(["GROUP@TGS#2TEAM"], (await _client.GetConversationListAsync("alice", new ConversationFilter { HasAt = true })).ConversationList.Select(c => c.ConversationID));
    }

    [Fact]
    public async Task Refusals_become_one_exception_with_the_specs_code_desc_and_status()
    {
        var empty = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.GetConversationListAsync("alice", Array.Empty<string>()));
        Assert.Equal((6017, HttpStatusCode.BadRequest), (empty.Code, empty.HttpStatus));
        Assert.Contains("conversationIDList", empty.Desc);

        var missing = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.GetConversationAsync("alice", "C2Cnobody"));
        Assert.Equal((6004, HttpStatusCode.NotFound), (missing.Code, missing.HttpStatus));

        var badCursor = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.GetConversationListPageAsync("alice", "tampered", 10));
        Assert.Equal(6017, badCursor.Code);

        var badMessage = await Assert.ThrowsAsync<ConversationActorsException>(() =>
            _client.AddMessageAsync("alice", "C2Cbob", new NewMessage { MsgID = "m", SenderID = "bob", Timestamp = Clients.Now + 3_600_000, Summary = "from the future" }));
        Assert.Equal((6017, HttpStatusCode.BadRequest), (badMessage.Code, badMessage.HttpStatus));
    }

    [Fact]
    public async Task Time_travel_and_the_journal_answer_as_the_list_was()
    {
        var now = Clients.Now;
        await _client.AddMessageAsync("erin", "C2Cbob", new NewMessage { MsgID = "e1", SenderID = "bob", Timestamp = now, Summary = "one" });
        await _client.AddMessageAsync("erin", "C2Cdave", new NewMessage { MsgID = "e2", SenderID = "dave", Timestamp = now + 1, Summary = "two", ElemType = ElemType.Image });

        var events = await _client.GetEventsAsync("erin");
        Assert.Equal([1L, 2L], events.Select(e => e.Seq));
        Assert.Equal("e2", events[1].Event.GetProperty("msgID").GetString());

        var then = await _client.GetConversationListAsync("erin", asOf: AsOf.AfterSeq(1));
        Assert.Equal(["C2Cbob"], then.ConversationList.Select(c => c.ConversationID));
        var dave = await _client.GetConversationAsync("erin", "C2Cdave");
        Assert.Equal(ElemType.Image, dave.LastMessage!.ElemType);
        var before = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.GetConversationAsync("erin", "C2Cdave", AsOf.AfterSeq(1)));
        Assert.Equal(6004, before.Code);
        var beyond = await Assert.ThrowsAsync<ConversationActorsException>(() => _client.GetConversationListAsync("erin", asOf: AsOf.AfterSeq(99)));
        Assert.Equal(6017, beyond.Code);
        Assert.Empty((await _client.GetConversationListAsync("erin", asOf: AsOf.At(DateTimeOffset.UnixEpoch.AddYears(30)))).ConversationList);
    }

    [Fact]
    public async Task The_cluster_status_names_this_node_as_an_up_member_with_its_release()
    {
        var status = await _client.GetClusterStatusAsync();
        var self = Assert.Single(status.Members);
        Assert.Equal(status.Self, self.Address);
        Assert.Equal("Up", self.Status);
        Assert.Matches(@"^\d+\.\d+\.\d+", self.AppVersion); // the release it announced (issue 31)
        Assert.True(status.Sharding.ContainsKey("conversations"));
    }
}
