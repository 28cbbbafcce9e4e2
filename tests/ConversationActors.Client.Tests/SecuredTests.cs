using System.Net;
using ConversationActors.Client.Changes;
using ConversationActors.Client.Requests;
using ConversationActors.Client.Tests.Infrastructure;
using ConversationActors.TestSupport.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Client.Tests;

/// <summary>A gateway with a signing key: the token provider hook supplies each call's bearer token.</summary>
public sealed class SecuredTests : IAsyncLifetime
{
    private GatewayServer _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayServer.StartAsync(secured: true);

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task The_token_provider_is_asked_for_every_call_and_its_token_decides_what_the_call_may_do()
    {
        var asked = 0;
        var services = new ServiceCollection();
        services.AddSingleton<Func<string>>(() => Tokens.Admin());
        services.AddConversationActorsClient((sp, o) =>
        {
            o.BaseAddress = _gateway.BaseAddress;
            var mint = sp.GetRequiredService<Func<string>>();
            o.TokenProvider = _ =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult<string?>(mint());
            };
        });
        await using var provider = services.BuildServiceProvider();
        var backend = provider.GetRequiredService<ConversationActorsClient>();

        await backend.FanOutMessageAsync(new FanOutMessage { MsgID = "m1", SenderID = "bob", ReceiverID = "alice", Timestamp = Clients.Now, Summary = "hi" });
        Assert.Equal(1, asked);

        var alice = Clients.For(_gateway.BaseAddress, Tokens.User("alice"));
        Assert.Equal(["C2Cbob"], (await alice.GetConversationListAsync("alice")).ConversationList.Select(c => c.ConversationID));
        var forbidden = await Assert.ThrowsAsync<ConversationActorsException>(() => alice.GetConversationListAsync("bob"));
        Assert.Equal((50003, HttpStatusCode.Forbidden), (forbidden.Code, forbidden.HttpStatus));

        var anonymous = Clients.For(_gateway.BaseAddress);
        var refused = await Assert.ThrowsAsync<ConversationActorsException>(() => anonymous.GetConversationListAsync("alice"));
        Assert.Equal((70001, HttpStatusCode.Unauthorized), (refused.Code, refused.HttpStatus));
    }

    [Fact]
    public async Task A_user_token_follows_its_own_change_feed()
    {
        var alice = Clients.For(_gateway.BaseAddress, Tokens.User("alice"));
        var backend = Clients.For(_gateway.BaseAddress, Tokens.Admin());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var feed = alice.WatchConversationChangesAsync("alice", ct: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await feed.MoveNextAsync());
        Assert.Equal(ConversationChangeKind.TotalUnreadChanged, feed.Current.Kind);
        await backend.AddMessageAsync("alice", "C2Cerin", new NewMessage { MsgID = "e1", SenderID = "erin", Timestamp = Clients.Now, Summary = "there?" });
        Assert.True(await feed.MoveNextAsync());
        Assert.Equal((ConversationChangeKind.NewConversation, "C2Cerin"), (feed.Current.Kind, feed.Current.ConversationID));
    }
}
