using System.Diagnostics;
using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue #19: PostgreSQL stopped for 15 s under a steady write load on two nodes, then started again. Nothing
/// acknowledged is lost, nothing answers 500, readiness reports the outage (Degraded) and its end, and every user
/// takes writes again soon after the database answers (asserted within <see cref="Budgets.Settle"/>; the time is
/// printed, and the bench reports it).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task After_PostgreSQL_stops_and_starts_again_nothing_acknowledged_is_lost_and_every_user_writes_again_soon()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(StoreOutageTests), 2, output);
        int[] nodes = [1, 2];
        var users = Users.Many(30);
        var load = new WriteLoad(nodes, users, Stopwatch.StartNew());
        await load.AckedAtLeastAsync(200, Budgets.Progress);

        var stoppedAt = load.Clock.Elapsed;
        TimeSpan answeringAt;
        var degradedSeen = false;
        await cluster.StopStoreAsync();
        try
        {
            // The outage itself is what is being simulated: it lasts its 15 s whatever the nodes do.
            var outageEnds = Stopwatch.StartNew();
            while (outageEnds.Elapsed < Outage)
            {
                degradedSeen |= (await ClusterClient.ReadyAsync(1, TimeSpan.FromSeconds(2))) is { Ok: true } ready
                    && ready.Data.GetProperty("status").GetString() == "Degraded";
                await Task.Delay(500);
            }
        }
        finally
        {
            await cluster.StartStoreAsync();
            answeringAt = load.Clock.Elapsed;
        }

        var servedAfter = await Task.WhenAll(users.Select((user, i) => FirstWriteAsync(user, nodes[i % 2], load.Clock, answeringAt)));
        var back = servedAfter.Max();
        output.WriteLine($"STORE BACK: every user acknowledged a write {back.TotalSeconds:0.0} s after PostgreSQL answered again (fastest {servedAfter.Min().TotalSeconds:0.0} s); outage {(answeringAt - stoppedAt).TotalSeconds:0.0} s");

        await load.AckedAtLeastAsync(load.Acked.Count + 100, Budgets.Progress);
        await load.StopAsync();
        output.WriteLine(load.Summary());
        await Poll.UntilAsync(
            async () => await ClusterClient.ReadyAsync(1, TimeSpan.FromSeconds(2)) is { Ok: true } ready && ready.Data.GetProperty("status").GetString() == "Healthy" ? ready : null,
            Budgets.Settle,
            "node 1 ready and Healthy again");

        var missing = await Verify.MissingAsync(load.Acked, nodes);
        Assert.True(missing.Count == 0, $"{missing.Count} of {load.Acked.Count} acknowledged writes are lost: {string.Join(", ", missing.Take(20))}");
        Assert.True(load.InternalErrors.Count == 0, $"500s: {string.Join("; ", load.InternalErrors.Take(5))}");
        Assert.True(degradedSeen, "readiness never reported the store outage (Degraded)");
        var late = users.Where((_, i) => servedAfter[i] >= Budgets.Settle).ToList();
        Assert.True(late.Count == 0, $"{late.Count} users took no write within {Budgets.Settle.TotalSeconds:0} s after PostgreSQL answered: {string.Join(", ", late.Take(10))}");
        var lateFailures = load.Failed.Where(a => a.Sent > answeringAt + back + TimeSpan.FromSeconds(5)).ToList();
        Assert.True(lateFailures.Count == 0, $"writes still failed after every user was served again: {string.Join("; ", lateFailures.Take(5))}");
    }

    private static async Task<TimeSpan> FirstWriteAsync(string user, int node, Stopwatch clock, TimeSpan since)
    {
        var msgID = $"back-{user}";
        while (clock.Elapsed - since < Budgets.Settle)
        {
            if ((await ClusterClient.AddMessageAsync(node, user, "after-outage", msgID, TimeSpan.FromSeconds(2))).Ok)
            {
                return clock.Elapsed - since;
            }

            await Task.Delay(100);
        }

        return Budgets.Settle;
    }
}
