using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>Issue #5, test 1: three processes form one cluster; any node serves any user.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterFormationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30); // generous: a loaded 2-core machine (see Budgets)

    [Fact]
    public async Task Three_nodes_form_a_cluster_and_a_write_through_any_node_is_read_back_through_any_other()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(ClusterFormationTests), 3, output);
        int[] nodes = [1, 2, 3];

        // Each node is Up in its own view when cluster.sh returns; the others' views converge by gossip a moment later.
        var leaders = new HashSet<string?>();
        foreach (var node in nodes)
        {
            var admin = await Poll.UntilAsync(
                async () => await ClusterClient.AdminAsync(node, Timeout) is { Ok: true } answer && AllUp(answer, nodes) ? answer : null,
                Timeout,
                $"node {node} sees all three members Up");
            leaders.Add(admin.Data.GetProperty("leader").GetString());
        }

        Assert.Single(leaders);

        foreach (var writer in nodes)
        {
            foreach (var reader in nodes.Where(n => n != writer))
            {
                var user = $"u{writer}{reader}";
                await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(writer, user, "peer", $"m{writer}{reader}", Timeout), $"write through node {writer}");
                var read = await ClusterClient.ListAsync(reader, user, Timeout);
                Assert.True(read.Ok, read.Error);
                Assert.Equal($"m{writer}{reader}", ClusterClient.LastMessages(read.Data)["C2Cpeer"]);
            }
        }
    }

    private static bool AllUp(ClusterClient.Answer admin, int[] nodes)
    {
        var members = admin.Data.GetProperty("members").EnumerateArray()
            .Select(m => (Address: m.GetProperty("address").GetString(), Status: m.GetProperty("status").GetString()))
            .ToList();
        return members.Select(m => m.Address).Order().SequenceEqual(nodes.Select(LocalCluster.AkkaAddress).Order())
            && members.All(m => m.Status == "Up");
    }
}
