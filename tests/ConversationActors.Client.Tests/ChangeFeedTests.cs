using ConversationActors.Client.Changes;
using ConversationActors.Client.Requests;
using ConversationActors.Client.Tests.Infrastructure;
using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Client.Tests;

/// <summary>The change feed as an IAsyncEnumerable: live items, resumption, and a server restart in the middle.</summary>
public sealed class ChangeFeedTests
{
    private static NewMessage Message(string msgID, long timestamp) => new() { MsgID = msgID, SenderID = "bob", Timestamp = timestamp, Summary = msgID };

    [Fact]
    public async Task The_feed_starts_with_the_total_then_yields_each_change_with_its_seq()
    {
        await using var gateway = await GatewayServer.StartAsync();
        var client = Clients.For(gateway.BaseAddress);
        await client.AddMessageAsync("alice", "C2Cbob", Message("m1", Clients.Now));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var feed = client.WatchConversationChangesAsync("alice", ct: cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await feed.MoveNextAsync());
        Assert.Equal(new ConversationChange(1, ConversationChangeKind.TotalUnreadChanged, null, null, 1), feed.Current);

        await client.PinConversationAsync("alice", "C2Cbob", true);
        Assert.True(await feed.MoveNextAsync());
        Assert.Equal((2L, ConversationChangeKind.ConversationChanged), (feed.Current.Seq, feed.Current.Kind));
        Assert.True(feed.Current.Conversation!.IsPinned);

        await client.DeleteConversationAsync("alice", "C2Cbob");
        var deleted = new List<ConversationChange>();
        while (deleted.Count < 2 && await feed.MoveNextAsync())
        {
            deleted.Add(feed.Current);
        }

        Assert.Contains(deleted, c => c is { Seq: 3, Kind: ConversationChangeKind.ConversationDeleted, ConversationID: "C2Cbob" });
        Assert.Contains(deleted, c => c is { Seq: 3, Kind: ConversationChangeKind.TotalUnreadChanged, TotalUnreadCount: 0 });
    }

    [Fact]
    public async Task A_feed_from_seq_zero_replays_the_whole_history_once()
    {
        await using var gateway = await GatewayServer.StartAsync();
        var client = Clients.For(gateway.BaseAddress);
        var now = Clients.Now;
        for (var i = 0; i < 3; i++)
        {
            await client.AddMessageAsync("alice", "C2Cbob", Message("m" + i, now + i));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<ConversationChange>();
        await foreach (var change in client.WatchConversationChangesAsync("alice", afterSeq: 0, cts.Token))
        {
            seen.Add(change);
            if (change is { Seq: 3, Kind: ConversationChangeKind.TotalUnreadChanged })
            {
                break;
            }
        }

        Assert.Equal([1L, 1L, 2L, 2L, 3L, 3L], seen.Select(c => c.Seq));
        Assert.Equal(ConversationChangeKind.NewConversation, seen[0].Kind);
        Assert.Equal([1, 2, 3], seen.Where(c => c.Kind == ConversationChangeKind.TotalUnreadChanged).Select(c => c.TotalUnreadCount!.Value));
    }

    [Fact]
    public async Task The_feed_survives_the_server_being_stopped_and_started_and_yields_nothing_twice_and_misses_nothing()
    {
        await using var gateway = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60), new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"] = "0",
            ["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0",
        });
        var client = Clients.For(gateway.BaseAddress);
        var now = Clients.Now;
        await client.AddMessageAsync("alice", "C2Cbob", Message("before", now));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var feed = client.WatchConversationChangesAsync("alice", ct: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await feed.MoveNextAsync());
        Assert.Equal((1L, 1), (feed.Current.Seq, feed.Current.TotalUnreadCount));
        var waiting = feed.MoveNextAsync();

        await gateway.StopAsync();
        await gateway.StartAgainAsync();
        // Written while the feed is reconnecting (or before it has): it must arrive exactly once either way.
        await client.AddMessageAsync("alice", "C2Cbob", Message("after-1", now + 1));
        await client.AddMessageAsync("alice", "C2Ccarol", Message("after-2", now + 2));

        var seen = new List<ConversationChange>();
        Assert.True(await waiting);
        seen.Add(feed.Current);
        while (!seen.Any(c => c is { Seq: 3, Kind: ConversationChangeKind.TotalUnreadChanged }))
        {
            Assert.True(await feed.MoveNextAsync());
            seen.Add(feed.Current);
        }

        Assert.Equal(
            [(2L, ConversationChangeKind.ConversationChanged, "C2Cbob"), (2L, ConversationChangeKind.TotalUnreadChanged, null), (3L, ConversationChangeKind.NewConversation, "C2Ccarol"), (3L, ConversationChangeKind.TotalUnreadChanged, null)],
            seen.Select(c => (c.Seq, c.Kind, c.ConversationID)));
        Assert.Equal([2, 3], seen.Where(c => c.TotalUnreadCount is not null).Select(c => c.TotalUnreadCount!.Value));
    }

    [Fact]
    public async Task A_resume_point_beyond_the_journal_ends_the_feed_with_the_refusal_instead_of_retrying()
    {
        await using var gateway = await GatewayServer.StartAsync();
        var client = Clients.For(gateway.BaseAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var refused = await Assert.ThrowsAsync<ConversationActorsException>(async () =>
        {
            await foreach (var _ in client.WatchConversationChangesAsync("alice", afterSeq: 5, cts.Token))
            {
            }
        });
        Assert.Equal((6017, System.Net.HttpStatusCode.BadRequest), (refused.Code, refused.HttpStatus));
        Assert.False(cts.IsCancellationRequested);
    }
}
