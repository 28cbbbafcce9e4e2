using System.Diagnostics;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue #5, test 2: SIGKILL a node under a steady write load. Nothing acknowledged is lost, nothing answers 500,
/// and every one of the killed node's users is served by the survivors again (within the generous
/// <see cref="Budgets.Served"/>; the fail-over time is printed, not asserted). The victim is node 1:
/// the oldest member, so it also hosts the shard coordinators (the slowest case: they move too).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class CrashFailoverTests(ITestOutputHelper output)
{
    private const int Victim = 1;

    [Fact]
    public async Task After_a_SIGKILL_no_acknowledged_write_is_lost_and_every_one_of_the_killed_nodes_users_is_served_again()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(CrashFailoverTests), 3, output);
        int[] survivors = [2, 3];
        var users = Users.Many();
        var load = new WriteLoad([1, 2, 3], users, Stopwatch.StartNew());
        await load.AckedAtLeastAsync(300, Budgets.Progress);

        var before = await Admin.ConversationShardsAsync(Victim);
        output.WriteLine($"before the kill: {Admin.Describe(before)}");
        Assert.Contains(before, n => n.Address == LocalCluster.AkkaAddress(Victim) && n.EntityCount > 0);

        var killedAt = load.Clock.Elapsed;
        await cluster.KillAsync(Victim);

        // Every user is asked again and again (short timeouts) through the survivors until it answers;
        // the users that lived on the victim answer last.
        var servedAfter = await Task.WhenAll(users.Select((user, i) => FirstAnswerAsync(user, survivors[i % 2], load.Clock, killedAt)));
        var failover = servedAfter.Max();
        output.WriteLine($"FAIL-OVER: every user served again {failover.TotalSeconds:0.0} s after the SIGKILL (fastest {servedAfter.Min().TotalSeconds:0.0} s)");

        await load.AckedAtLeastAsync(200, Budgets.Progress);
        await load.StopAsync();
        output.WriteLine(load.Summary());
        output.WriteLine($"after the kill: {Admin.Describe(await Admin.ConversationShardsAsync(survivors[0]))}");

        var missing = await Verify.MissingAsync(load.Acked, survivors);
        Assert.True(missing.Count == 0, $"{missing.Count} of {load.Acked.Count} acknowledged writes are lost: {string.Join(", ", missing.Take(20))}");
        var neverServed = users.Where((_, i) => servedAfter[i] >= Budgets.Served).ToList();
        Assert.True(neverServed.Count == 0, $"{neverServed.Count} users were not served again within {Budgets.Served.TotalSeconds:0} s: {string.Join(", ", neverServed.Take(10))}");
        Assert.True(load.InternalErrors.Count == 0, $"500s: {string.Join("; ", load.InternalErrors.Take(5))}");
        var lateFailures = load.Failed.Where(a => a.Sent > killedAt + failover + Budgets.Settle).ToList();
        Assert.True(lateFailures.Count == 0, $"writes still failed {Budgets.Settle.TotalSeconds:0} s after the fail-over: {string.Join("; ", lateFailures.Take(5))}");
    }

    private static async Task<TimeSpan> FirstAnswerAsync(string user, int node, Stopwatch clock, TimeSpan killedAt)
    {
        while (clock.Elapsed - killedAt < Budgets.Served)
        {
            var answer = await ClusterClient.UnreadAsync(node, user, TimeSpan.FromSeconds(1));
            if (answer.Ok)
            {
                return clock.Elapsed - killedAt;
            }

            await Task.Delay(100);
        }

        return Budgets.Served;
    }
}
