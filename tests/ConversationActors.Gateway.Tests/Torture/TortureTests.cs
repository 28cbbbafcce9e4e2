using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Hosting;
using ConversationActors.TestSupport.Torture;
using Xunit.Abstractions;

namespace ConversationActors.Gateway.Tests.Torture;

/// <summary>
/// Issue 26: the concurrency torture suite on one node over SQLite (the gateway as a process of its own, so the load this
/// process generates does not starve its thread pool). Many clients over few
/// users send every kind of request, each 1 to 4 times at once and retried after random client timeouts, while entities
/// start, passivate (passivate-after 1 s, users resting 2.5 s), snapshot (every 7 events) and have their journals
/// compacted (journal retention 8 s); then every acknowledged write must be in the journal exactly once and every
/// user's live state must equal the domain's fold of its journal. A failure prints the seed (repeat with TORTURE_SEED).
/// </summary>
[Collection(TortureCollection.Name)]
public sealed class TortureTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Settings = TortureOptions.ServiceSettings(journalRetention: TimeSpan.FromSeconds(8));

    [Fact]
    public async Task Duplicated_and_retried_requests_under_passivation_snapshots_and_retention_leave_every_write_once_in_the_journal_and_every_state_its_fold()
    {
        using var folder = new TempFolder();
        await using var gateway = await GatewayServerProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll"),
            folder.Path,
            new Dictionary<string, string>(Settings) { ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={folder.Database}" },
            TimeSpan.FromSeconds(60));

        var report = await TortureSuite.RunAsync(new TortureOptions
        {
            Nodes = [gateway.BaseAddress],
            Duration = TimeSpan.FromSeconds(25),
        });

        output.WriteLine(report.Describe());
        Assert.True(report.Passed, report.Describe() + "\ngateway warnings:\n" + string.Join("\n", gateway.Warnings()));
        // The run did what it is for: duplicates overlapped, clients gave up and retried, entities stopped and started,
        // retention compacted some journals while others stayed whole (folded from their first event).
        Assert.True(report.ExtraCopies > 100 && report.ClientTimeouts > 100, report.Describe(0));
        Assert.True(report.EntityDrops > 0, "no entity passivated: " + report.Describe(0));
        Assert.True(report.CompactedJournals > 0, "retention deleted no journal's events: " + report.Describe(0));
        Assert.True(report.WholeJournals > 0, "no journal stayed whole to be folded: " + report.Describe(0));
    }
}

/// <summary>The torture run loads both cores: it runs alone, after the parallel tests, so their asks do not time out.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TortureCollection
{
    public const string Name = "Torture (alone)";
}
