using ConversationActors.Bench.Load;
using ConversationActors.Bench.Report;
using ConversationActors.Bench.Scenarios;

namespace ConversationActors.Bench.Tests;

public class CostReportTests
{
    private static Figure Measured(string name, double perSecond, long requests, double cpuSeconds, int eventsPerRequest = 1) =>
        new Figure(name, perSecond, 1, 2, requests, 0, 1, null)
        {
            EventsPerSecond = perSecond * eventsPerRequest,
            Cpu = new CpuUse(cpuSeconds, requests, requests * eventsPerRequest),
        };

    private static string Render(string? before)
    {
        var results = new BenchResults { Before = before };
        results.Ingest["sqlite"] = Measured("ingest sqlite", 1000, 1000, 0.5);
        results.Ingest["sqlite-hot"] = Measured("ingest sqlite-hot", 1500, 1000, 0.4);
        results.FanOut["sqlite"] = Measured("fan-out sqlite", 4, 40, 2.0, 500);
        results.IngestCeiling["sqlite"] = Measured("trivial", 4000, 1000, 0.1);
        results.RawInsert["sqlite"] = new RawInsert.Result(500, 10_000, 100);
        if (before is not null)
        {
            results.Ingest[$"sqlite-{before}"] = Measured("ingest before", 500, 1000, 1.5);
            results.Ingest[$"sqlite-{before}-hot"] = Measured("ingest before hot", 1000, 1000, 0.6);
            results.FanOut[$"sqlite-{before}"] = Measured("fan-out before", 2, 40, 5.0, 500);
        }

        var work = Directory.CreateTempSubdirectory("bench-report-");
        try
        {
            return MarkdownReport.Render(results, Options.Parse(["--work", work.FullName, "--report", Path.Combine(work.FullName, "benchmarks.md")]));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Spread: 0.5 s over 1,000 messages = 500 µs now, 1,500 µs before; fan-out: 2 s over 40 × 500 deliveries = 100 µs per
    // delivery (50,000 per message) now, 250 before; the trivial endpoint: 4,000 req/s at 100 µs per request.
    [Theory]
    [InlineData("| CPU per acknowledged message, spread ingest (sqlite): after ÷ before | 0.33× (500 vs 1,500 µs at `9a18eb0`) | ≤ 0.5× | yes |")]
    [InlineData("| CPU per acknowledged delivery, fan-out ingest (sqlite): after ÷ before | 0.40× (100 vs 250 µs at `9a18eb0`) | ≤ 0.5× | yes |")]
    [InlineData("| spread ingest events/s ÷ the same POSTs to a trivial endpoint on the same Kestrel (sqlite) | 0.25× (1,000 vs 4,000 req/s) | ≥ 0.5× | **no** |")]
    [InlineData("| fan-out ingest deliveries/s ÷ the same POSTs to a trivial endpoint on the same Kestrel (sqlite) | 0.50× (2,000 vs 4,000 req/s) | ≥ 0.5× | yes |")]
    [InlineData("| trivial endpoint's CPU per request (sqlite): the part of a spread message's CPU that is Kestrel's, not ours | 100 of 500 µs (20 %) | reported | yes |")]
    [InlineData("| spread (sqlite) | before (9a18eb0) | 500 | 2.0 | 1,500 | 1,500 | 0.050 | 0.13 |")]
    [InlineData("| spread (sqlite) | after | 1,000 | 2.0 | 500 | 500 | 0.100 | 0.25 |")]
    [InlineData("| spread (sqlite) | after ÷ before | 2.00× | | 0.33× | 0.33× | | |")]
    [InlineData("| fan-out (sqlite) | after | 2,000 | 2.0 | 50,000 | 100 | 0.200 | 0.50 |")]
    public void A_run_with_a_before_revision_reports_cpu_per_message_and_both_ratios_for_each_build(string row) =>
        Assert.Contains(row, Render("9a18eb0"));

    [Fact]
    public void Without_a_before_run_the_report_says_how_to_get_one()
    {
        var md = Render(null);
        Assert.Contains("500 µs (no before: run with `--before REV`)", md);
        Assert.DoesNotContain("| spread (sqlite) | before (", md);
        Assert.Contains("| spread (sqlite) | after | 1,000 |", md);
    }
}
