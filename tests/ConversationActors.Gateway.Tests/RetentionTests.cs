using System.Net;
using ConversationActors.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConversationActors.Gateway.Tests;

/// <summary>A host on a clock the test moves.</summary>
public sealed class FakeClockFixture : GatewayFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider? Time => Clock;
}

/// <summary>SPEC 3.3/3.4 retention over HTTP: an expired conversation is absent from every answer; pinned ones stay.</summary>
public sealed class RetentionTests(FakeClockFixture fixture) : IClassFixture<FakeClockFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task After_seven_days_without_activity_a_conversation_is_gone_from_every_answer_and_a_later_message_creates_it_afresh()
    {
        const string user = "rt-owner";
        var clock = fixture.Clock;
        long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
        (await _api.AddMessageAsync(user, "C2Crt-old", Messages.Body("o1", "rt-old", Now() - 1000))).Ok();
        (await _api.AddMessageAsync(user, "C2Crt-pinned", Messages.Body("p1", "rt-pinned", Now() - 1000))).Ok();
        (await _api.PutAsync(Paths.Conversation(user, "C2Crt-pinned") + "/pin", """{"isPinned":true}""")).Ok();
        clock.Advance(TimeSpan.FromDays(3));
        (await _api.AddMessageAsync(user, "C2Crt-recent", Messages.Body("r1", "rt-recent", Now()))).Ok();
        Assert.Equal(3, (await _api.GetAsync(Paths.Unread(user))).Ok().Long("totalUnreadCount"));

        clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromSeconds(1));

        Assert.Equal(["C2Crt-pinned", "C2Crt-recent"], Shapes.Ids((await _api.ListAsync(user)).Ok()));
        Assert.Equal(["C2Crt-pinned", "C2Crt-recent"], Shapes.Ids((await _api.ListAsync(user, "?count=5")).Ok()));
        (await _api.GetAsync(Paths.Conversation(user, "C2Crt-old"))).Refused(HttpStatusCode.NotFound, 6004);
        (await _api.GetAsync(Paths.Conversation(user, "C2Crt-old") + "/profile")).Refused(HttpStatusCode.NotFound, 6004);
        (await _api.PostAsync(Paths.Conversation(user, "C2Crt-old") + "/read")).Refused(HttpStatusCode.NotFound, 6004);
        var batch = (await _api.PostAsync(Paths.Conversations(user) + "/batch", """{"conversationIDList":["C2Crt-old","C2Crt-recent"]}""")).Ok();
        Assert.Equal(["C2Crt-recent"], Shapes.Ids(batch));
        Assert.Equal(2, (await _api.GetAsync(Paths.Unread(user))).Ok().Long("totalUnreadCount"));

        (await _api.AddMessageAsync(user, "C2Crt-old", Messages.Body("o2", "rt-old", Now()))).Ok();
        var profile = (await _api.GetAsync(Paths.Conversation(user, "C2Crt-old") + "/profile")).Ok();
        Assert.Equal(1, profile.GetProperty("conversation").Long("unreadCount"));
        Assert.Equal(Now(), profile.GetProperty("stats").Long("createdAt"));
    }
}
