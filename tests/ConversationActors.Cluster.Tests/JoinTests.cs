using System.Diagnostics;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>Issue #5, test 3: a fourth node joins under load and takes shards over; nothing acknowledged is lost.</summary>
[Trait("Category", "Cluster")]
public sealed class JoinTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_fourth_node_joins_under_load_takes_shards_over_and_no_acknowledged_write_is_lost()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(JoinTests), 3, output);
        var load = new WriteLoad([1, 2, 3], Users.Many(), Stopwatch.StartNew());
        await load.AckedAtLeastAsync(200, Budgets.Progress);
        output.WriteLine($"before the join: {Admin.Describe(await Admin.ConversationShardsAsync(1))}");

        var joinedAt = load.Clock.Elapsed;
        await cluster.StartNodeAsync(4);
        var readyAfter = load.Clock.Elapsed - joinedAt;
        load.Add(4);

        var newcomer = LocalCluster.AkkaAddress(4);
        var distribution = await Poll.UntilAsync(
            async () =>
            {
                var shards = await Admin.ConversationShardsAsync(4);
                return shards.Any(n => n.Address == newcomer && n.ShardCount > 0 && n.EntityCount > 0) ? shards : null;
            },
            Budgets.Served,
            "node 4 hosting conversation shards");
        var tookOverAfter = load.Clock.Elapsed - joinedAt;
        output.WriteLine($"JOIN: node 4 ready {readyAfter.TotalSeconds:0.0} s after start-node, hosting shards {tookOverAfter.TotalSeconds:0.0} s after; {Admin.Describe(distribution)}");

        await load.AckedAtLeastAsync(200, Budgets.Progress);
        await load.StopAsync();
        output.WriteLine(load.Summary());

        var members = await Admin.MembersAsync(1);
        Assert.Equal(Enumerable.Range(1, 4).Select(LocalCluster.AkkaAddress).Order(), members.Select(m => m.Address).Order());
        Assert.All(members, m => Assert.Equal("Up", m.Status));
        Assert.Contains(load.Acked, a => a.Node == 4);
        var missing = await Verify.MissingAsync(load.Acked, [1, 2, 3, 4]);
        Assert.True(missing.Count == 0, $"{missing.Count} of {load.Acked.Count} acknowledged writes are lost: {string.Join(", ", missing.Take(20))}");
    }
}
