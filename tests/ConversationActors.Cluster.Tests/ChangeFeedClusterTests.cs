using System.Text.Json;
using ConversationActors.Actors.Sharding;
using ConversationActors.Cluster.Tests.Support;
using ConversationActors.TestSupport.Changes;

namespace ConversationActors.Cluster.Tests;

/// <summary>Issue #8, cross-node: a change-feed subscriber on one node sees, live, the writes made through another.</summary>
[Trait("Category", "Cluster")]
public sealed class ChangeFeedClusterTests(ITestOutputHelper output)
{
    private const string KeepAliveVariable = "CONVERSATION_ACTORS_CHANGES_KEEP_ALIVE";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30); // generous: a loaded 2-core machine (see Budgets)

    [Fact]
    public async Task A_subscriber_on_node_1_sees_live_every_write_made_through_node_2_to_an_entity_on_node_2()
    {
        // Keep-alives (which also re-read the journal) far beyond the test: only live notices can deliver in time.
        var previous = Environment.GetEnvironmentVariable(KeepAliveVariable);
        Environment.SetEnvironmentVariable(KeepAliveVariable, "10m");
        try
        {
            await using var cluster = await LocalCluster.StartAsync(nameof(ChangeFeedClusterTests), 2, output);
            var user = await UserHostedOnAsync(node: 2);
            output.WriteLine($"user {user} lives on node 2");

            await using var feed = await SseClient.OpenAsync(LocalCluster.Url(1), user, openWithin: Timeout);
            var start = (await feed.ReadAsync(1, Timeout))[0];
            Assert.Equal("1 totalUnreadChanged {\"totalUnreadCount\":1}", start.ToString());

            // The subscription reaches node 2 by gossip; the stream re-reads the journal once after that
            // window (3 s), which delivers this first write at the latest. Everything after it must come live.
            await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(2, user, "peer", "m02", Timeout), "write m02 through node 2");
            var settled = await feed.ReadAsync(2, Budgets.Progress);
            Assert.Equal((2L, "conversationChanged"), (settled[0].Id, settled[0].Event));

            const int writes = 20;
            for (var i = 3; i <= writes + 2; i++)
            {
                var msgID = $"m{i:D2}";
                await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(2, user, "peer", msgID, Timeout), $"write {msgID} through node 2");
            }

            // Each incoming message: the conversation changed, then the total moved; both with the write's seq.
            var events = await feed.ReadAsync(2 * writes, Budgets.Progress);
            for (var k = 0; k < writes; k++)
            {
                var seq = k + 3;
                var (changed, total) = (events[2 * k], events[(2 * k) + 1]);
                Assert.Equal((seq, "conversationChanged"), (changed.Id, changed.Event));
                Assert.Equal($"m{seq:D2}", changed.Data.GetProperty("lastMessage").GetProperty("msgID").GetString());
                Assert.Equal((seq, "totalUnreadChanged", seq), (total.Id, total.Event, total.Data.GetProperty("totalUnreadCount").GetInt64()));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeepAliveVariable, previous);
        }
    }

    /// <summary>Writes a first message for candidate users until one's entity is hosted on <paramref name="node"/>.</summary>
    private static async Task<string> UserHostedOnAsync(int node)
    {
        var extractor = new EntityMessageExtractor(100);
        for (var i = 0; i < 40; i++)
        {
            var user = $"feed{i}";
            await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(node, user, "peer", "m01", Timeout), $"first write for {user}");
            var shard = extractor.ShardId(user, null);
            var admin = await ClusterClient.UntilOkAsync(() => ClusterClient.AdminAsync(node, Timeout), "admin");
            var host = admin.Data.GetProperty("sharding").GetProperty("conversations").GetProperty("nodes").EnumerateArray()
                .FirstOrDefault(n => n.GetProperty("shards").TryGetProperty(shard, out _));
            if (host.ValueKind == JsonValueKind.Object && host.GetProperty("address").GetString() == LocalCluster.AkkaAddress(node))
            {
                return user;
            }
        }

        throw new InvalidOperationException($"no candidate user's entity landed on node {node}");
    }
}
