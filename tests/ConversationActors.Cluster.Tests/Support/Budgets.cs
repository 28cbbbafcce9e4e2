namespace ConversationActors.Cluster.Tests.Support;

/// <summary>
/// How long the cluster tests wait before they call something broken. Generous on purpose: these tests assert what
/// must never happen (an acknowledged write lost, a 500, a user never served again) on a loaded 2-core machine, where
/// a JIT, a GC or a neighbour's build can stall a node for many seconds. How fast fail-over, hand-off and joins
/// really are is printed by the tests (the FAIL-OVER, LEAVE and JOIN lines), not asserted: a time budget is a
/// benchmark's business (the bench does not measure these yet).
/// </summary>
public static class Budgets
{
    /// <summary>A user (or a node, or a shard) must be served again within this; beyond it, it counts as never.</summary>
    public static readonly TimeSpan Served = TimeSpan.FromSeconds(120);

    /// <summary>A steady load must keep getting acknowledgements within this.</summary>
    public static readonly TimeSpan Progress = TimeSpan.FromSeconds(120);

    /// <summary>After a fail-over, hand-off or leave has settled, writes may still fail for this long (timeouts in flight).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
}
