using System.Diagnostics;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue #5, test 4: SIGTERM a node under load. It leaves, hands its shards off and finishes its
/// in-flight requests: no acknowledged write is lost, nothing answers 500, it does leave, and requests stop
/// failing once it has left (within the generous <see cref="Budgets"/>; how long the leave took and how many
/// requests failed around it are printed, not asserted). The node is node 1, the oldest, so the
/// shard coordinators move as well.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class GracefulLeaveTests(ITestOutputHelper output)
{
    private const int Leaver = 1;

    [Fact]
    public async Task A_SIGTERM_hands_shards_off_without_losing_an_acknowledged_write_and_failures_stop_after_the_leave()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(GracefulLeaveTests), 3, output);
        int[] survivors = [2, 3];
        var load = new WriteLoad([1, 2, 3], Users.Many(), Stopwatch.StartNew());
        await load.AckedAtLeastAsync(200, Budgets.Progress);
        // The first requests of a cold cluster can time out (each node JIT-compiles its journal path while
        // all of them start); the window below is about the leave, so it counts requests sent from here.
        var warmAt = load.Clock.Elapsed;
        var before = await Admin.ConversationShardsAsync(Leaver);
        output.WriteLine($"before SIGTERM: {Admin.Describe(before)}");
        Assert.Contains(before, n => n.Address == LocalCluster.AkkaAddress(Leaver) && n.EntityCount > 0);

        var termAt = load.Clock.Elapsed;
        await cluster.TermAsync(Leaver);
        var exitedAt = load.Clock.Elapsed;
        await load.AckedAtLeastAsync(200, Budgets.Progress);
        await load.StopAsync();
        output.WriteLine($"LEAVE: node {Leaver} exited {(exitedAt - termAt).TotalSeconds:0.0} s after SIGTERM; {load.Summary()}");
        output.WriteLine($"after: {Admin.Describe(await Admin.ConversationShardsAsync(survivors[0]))}");

        var missing = await Verify.MissingAsync(load.Acked, survivors);
        Assert.True(missing.Count == 0, $"{missing.Count} of {load.Acked.Count} acknowledged writes are lost: {string.Join(", ", missing.Take(20))}");
        Assert.True(exitedAt - termAt < Budgets.Served, $"node {Leaver} took {(exitedAt - termAt).TotalSeconds:0.0} s to leave");
        Assert.True(load.InternalErrors.Count == 0, $"500s: {string.Join("; ", load.InternalErrors.Take(5))}");
        var during = load.Failed.Count(a => a.Sent >= termAt && a.Answered <= exitedAt + Budgets.Settle);
        var failedBefore = load.Failed.Count(a => a.Sent >= warmAt && a.Sent < termAt);
        output.WriteLine($"LEAVE: {failedBefore} requests failed before SIGTERM (a loaded machine's timeouts), {during} while leaving");
        var after = load.Failed.Where(a => a.Answered > exitedAt + Budgets.Settle).ToList();
        Assert.True(after.Count == 0, $"requests still failed {Budgets.Settle.TotalSeconds:0} s after node {Leaver} exited at {exitedAt.TotalSeconds:0.0} s: {string.Join("; ", after.Take(5))}");
        var members = await Admin.MembersAsync(survivors[0]);
        Assert.DoesNotContain(members, m => m.Address == LocalCluster.AkkaAddress(Leaver));
    }
}
