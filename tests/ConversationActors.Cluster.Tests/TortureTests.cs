using ConversationActors.Cluster.Tests.Support;
using ConversationActors.TestSupport.Torture;

namespace ConversationActors.Cluster.Tests;

/// <summary>
/// Issue 26: the concurrency torture suite on PostgreSQL on one node. (Its three-node run with a node SIGKILLed and
/// restarted mid-run became part of <see cref="PartitionTests"/> in issue 31: there the same load and checker run while
/// nodes are cut off, downed, exit and are restarted by the supervisor, and <see cref="UpgradeTests"/> SIGTERMs and
/// restarts every node; <see cref="CrashFailoverTests"/> keeps the SIGKILL.) Many clients over few users send every kind of request, each 1 to 4 times at once and retried after random
/// client timeouts, while entities start, passivate (passivate-after 1 s), snapshot (every 7 events: see
/// <see cref="TortureOptions.ServiceSettings"/>; with journal retention on, a hot user's snapshots and deletions of old
/// events come every few writes) and have their journals compacted (journal retention 8 s); then every acknowledged write
/// must be in the journal exactly once and every user's live state must equal the domain's fold of its journal.
/// A failure prints the seed (repeat with TORTURE_SEED).
/// </summary>
[Trait("Category", "Cluster")]
public sealed class TortureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Settings = TortureOptions.ServiceSettings(journalRetention: TimeSpan.FromSeconds(8));

    [Fact]
    public async Task On_PostgreSQL_duplicated_and_retried_requests_under_passivation_snapshots_and_retention_leave_every_write_once_in_the_journal_and_every_state_its_fold()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(TortureTests) + "-postgres", 1, output, Settings);

        var report = await TortureSuite.RunAsync(new TortureOptions
        {
            Nodes = [LocalCluster.Url(1)],
            Duration = TimeSpan.FromSeconds(25),
        });

        AssertPassed(report, cluster);
        Assert.True(report.EntityDrops > 0, "no entity passivated: " + report.Describe(0));
        Assert.True(report.CompactedJournals > 0 && report.WholeJournals > 0, "journals were not both compacted and whole: " + report.Describe(0));
    }

    /// <summary>
    /// A defect this suite found (issue 26): with journal retention on PostgreSQL, a hot user's journal deletions
    /// overlapped. The entity sent <c>DeleteMessages</c> after every snapshot save that moved the horizon without waiting
    /// for the one before; Akka.Persistence.Sql runs each as one transaction that marks and deletes the user's rows up to
    /// the horizon, so they queued on the same rows' locks (pg_stat_activity: up to 85 <c>DELETE FROM journal …</c>
    /// waiting), some deadlocked (40P01), and the waiting ones held up to ~94 of PostgreSQL's 100 connections: writes,
    /// snapshot saves and recoveries failed with 53300 and the breaker opened, so every write on the node answered 503.
    /// Fixed by one deletion of events in flight per entity (CompactionCalls). Four users, 32 clients, snapshot-every 7.
    /// </summary>
    [Fact]
    public async Task On_PostgreSQL_a_hot_users_journal_deletions_neither_deadlock_nor_exhaust_the_connections_so_no_write_answers_503()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(TortureTests) + "-deletions", 1, output, Settings);

        var report = await TortureSuite.RunAsync(new TortureOptions
        {
            Nodes = [LocalCluster.Url(1)],
            Duration = TimeSpan.FromSeconds(45),
            Users = 4,
            LateUsers = 2,
            Clients = 32,
            ImpatientShare = 0.4,
        });

        AssertPassed(report, cluster);
    }

    private void AssertPassed(TortureReport report, LocalCluster cluster)
    {
        output.WriteLine(report.Describe());
        Assert.True(report.Passed, report.Describe() + $"\nnode logs: {cluster.Directory}/node-*.log");
        Assert.True(report.ExtraCopies > 100 && report.ClientTimeouts > 100, report.Describe(0));
    }
}
