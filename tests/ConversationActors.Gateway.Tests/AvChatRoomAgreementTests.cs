using ConversationActors.Gateway.Tests.Changes;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Changes;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// SPEC 3.2's AVChatRoom rule has one home (GroupTypeRules): every view answers the same unread count, even
/// when the group profile turns AVChatRoom after messages were counted.
/// </summary>
public sealed class AvChatRoomAgreementTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Every_view_agrees_on_unread_when_the_profile_becomes_AVChatRoom_after_messages_were_counted()
    {
        const string user = "avc-agree";
        const string conversation = "GROUP@TGS#avc";
        var t = Messages.HourAgo;
        (await _api.AddMessageAsync(user, conversation, Messages.Body("g1", "carol", t))).Ok();
        (await _api.AddMessageAsync(user, conversation, Messages.Body("g2", "carol", t + 1))).Ok();
        (await _api.PutAsync(Paths.GroupProfile("@TGS#avc"), """{"name":"Live","groupType":"AVChatRoom"}""")).Ok();

        // A message after the profile says AVChatRoom is not counted (the profile fallback, SPEC 3.4).
        await using var feed = await SseClient.OpenAsync(_api.Http.BaseAddress!, user);
        await feed.NextAsync(Wait);
        var added = (await _api.AddMessageAsync(user, conversation, Messages.Body("g3", "carol", t + 2))).Ok().GetProperty("conversation");
        var changed = (await feed.ReadUntilAsync(e => e.Any(x => x.Event == "conversationChanged"), Wait)).First(x => x.Event == "conversationChanged");

        var list = (await _api.ListAsync(user)).Ok().GetProperty("conversationList")[0];
        var page = (await _api.ListAsync(user, "?nextSeq=0&count=1")).Ok().GetProperty("conversationList")[0];
        var batch = (await _api.PostAsync(Paths.Conversations(user) + "/batch", $$"""{"conversationIDList":["{{conversation}}"]}""")).Ok().GetProperty("conversationList")[0];
        var single = (await _api.GetAsync(Paths.Conversation(user, conversation))).Ok();
        var profile = (await _api.GetAsync(Paths.Conversation(user, conversation) + "/profile")).Ok().GetProperty("conversation");
        var total = (await _api.GetAsync(Paths.Unread(user))).Ok().Long("totalUnreadCount");
        var withUnread = (await _api.ListAsync(user, "?hasUnread=true")).Ok().GetProperty("conversationList").GetArrayLength();

        Assert.All(new[] { added, changed.Data, list, page, batch, single, profile }, c =>
        {
            Assert.Equal("AVChatRoom", c.Str("groupType"));
            Assert.Equal(2, c.Long("unreadCount"));
        });
        Assert.Equal(2, total);
        Assert.Equal(1, withUnread);
    }
}
