using System.Text.Json;
using ConversationActors.Actors.Sharding;
using ConversationActors.Cluster.Tests.Support;
using ConversationActors.TestSupport.Changes;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue #8, cross-node: a change-feed subscriber on one node sees, live, the writes made through another. Issue 27: the
/// stream registers with its user's entity, so a write to a user nobody listens to sends no change message to any node,
/// and only the stream's node receives its user's changes.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ChangeFeedClusterTests(ITestOutputHelper output)
{
    private const string KeepAliveVariable = "CONVERSATION_ACTORS_CHANGES_KEEP_ALIVE";
    private const string Sent = "conversation_actors_changes_sent_total";
    private const string Received = "conversation_actors_changes_received_total";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30); // generous: a loaded 2-core machine (see Budgets)

    [Fact]
    public async Task A_subscriber_on_node_1_sees_live_every_write_to_an_entity_on_node_2_and_no_other_write_sends_a_change_message()
    {
        // Keep-alives (which also re-read the journal) far beyond the test: only live changes can deliver in time.
        var previous = Environment.GetEnvironmentVariable(KeepAliveVariable);
        Environment.SetEnvironmentVariable(KeepAliveVariable, "10m");
        try
        {
            await using var cluster = await LocalCluster.StartAsync(nameof(ChangeFeedClusterTests), 3, output);
            var user = await UserHostedOnAsync(node: 2);
            output.WriteLine($"user {user} lives on node 2");

            await using var feed = await SseClient.OpenAsync(LocalCluster.Url(1), user, openWithin: Timeout);
            var start = (await feed.ReadAsync(1, Timeout))[0];
            Assert.Equal("1 totalUnreadChanged {\"totalUnreadCount\":1}", start.ToString());

            // Users nobody listens to, written through every node while the stream is open: no change message anywhere.
            const int quietWrites = 12;
            for (var i = 0; i < quietWrites; i++)
            {
                var node = (i % 3) + 1;
                await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(node, $"quiet{i % 4}", "peer", $"q{i}", Timeout), $"quiet write {i}");
            }

            // The registration is made with the stream's start: the very next write comes live.
            const int writes = 20;
            for (var i = 2; i <= writes + 1; i++)
            {
                var msgID = $"m{i:D2}";
                await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(2, user, "peer", msgID, Timeout), $"write {msgID} through node 2");
            }

            // Each incoming message: the conversation changed, then the total moved; both with the write's seq.
            var events = await feed.ReadAsync(2 * writes, Budgets.Progress);
            for (var k = 0; k < writes; k++)
            {
                var seq = k + 2;
                var (changed, total) = (events[2 * k], events[(2 * k) + 1]);
                Assert.Equal((seq, "conversationChanged"), (changed.Id, changed.Event));
                Assert.Equal($"m{seq:D2}", changed.Data.GetProperty("lastMessage").GetProperty("msgID").GetString());
                Assert.Equal((seq, "totalUnreadChanged", seq), (total.Id, total.Event, total.Data.GetProperty("totalUnreadCount").GetInt64()));
            }

            // One change message per write of the listened user, all from node 2 to node 1; none for the quiet users
            // (they would count on top), and nothing reached nodes 2 and 3.
            var counts = await Poll.UntilAsync(
                async () =>
                {
                    var sent = new long[3];
                    var received = new long[3];
                    for (var node = 1; node <= 3; node++)
                    {
                        var metrics = await ClusterClient.MetricsAsync(node, Timeout);
                        (sent[node - 1], received[node - 1]) = (ClusterClient.Sum(metrics, Sent), ClusterClient.Sum(metrics, Received));
                    }

                    return received[0] == writes ? new { sent, received } : null;
                },
                Budgets.Progress,
                "node 1 counted the changes it received");
            output.WriteLine($"sent per node: {string.Join(", ", counts.sent)}; received per node: {string.Join(", ", counts.received)}");
            Assert.Equal([0, writes, 0], counts.sent);
            Assert.Equal([writes, 0, 0], counts.received);
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
