using System.Diagnostics;
using System.Runtime.InteropServices;
using ConversationActors.Bench.Micro;
using ConversationActors.Bench.Scenarios;

namespace ConversationActors.Bench.Report;

/// <summary>Everything one run measured (also written as data/bench/results.json).</summary>
public sealed class BenchResults
{
    public bool Smoke { get; set; }

    public MachineInfo Machine { get; set; } = new();

    public Sizes? Sizes { get; set; }

    public List<MicroRunner.Row>? Micro { get; set; }

    public Recovery.Result? Recovery { get; set; }

    public Memory.Result? Memory { get; set; }

    public Dictionary<string, Figure?> Ingest { get; } = [];

    public Dictionary<string, RawInsert.Result?> RawInsert { get; } = [];

    public HttpScenarios.PageResult? Pages { get; set; }

    /// <summary>Issue 27 (6): the spread ingest's POSTs answered by a trivial endpoint on the same Kestrel, per store.</summary>
    public Dictionary<string, Figure?> IngestCeiling { get; } = [];

    /// <summary>Issue 27 (6): the short hash of the revision whose own server ran the before rows (<c>--before</c>), if any.</summary>
    public string? Before { get; set; }

    /// <summary>Issue #13 (c): fan-out to groups, per server variant.</summary>
    public Dictionary<string, Figure?> FanOut { get; } = [];

    /// <summary>Issue #13: spread ingest at half its measured peak (open loop), per store.</summary>
    public Dictionary<string, Figure?> HalfRateIngest { get; } = [];

    /// <summary>Issue #13 (d): 90 % page reads, 10 % writes, per store.</summary>
    public Dictionary<string, MixedResult?> Mixed { get; } = [];

    /// <summary>Issue #14 (5): page of 100 by list size (SQLite server).</summary>
    public IReadOnlyList<HttpScenarios.PagePoint>? PageCurve { get; set; }

    /// <summary>Issue #14 (5): spread ingest by number of users written to (SQLite server, 64 clients); 10 and 1,000 are the hot and spread shapes.</summary>
    public Dictionary<int, Figure?> IngestCurve { get; } = [];

    /// <summary>Issue #15 (4): the seeded journals and time travel measured in-process.</summary>
    public HistorySeed.Result? HistorySeed { get; set; }

    /// <summary>Issue #15 (4): change-feed connect, per-stream memory, resumes, time travel over HTTP, 1,000 streams.</summary>
    public HistoryScenarios.Result? History { get; set; }

    /// <summary>Issue #15 (4): journal rows and file size over 180 simulated days, retention off and 90d.</summary>
    public RetentionSimulation.Result? Retention { get; set; }

    /// <summary>Issue #14 (6): the soak.</summary>
    public Soak.Result? Soak { get; set; }

    /// <summary>Issue 26: the concurrency torture suite as a soak (its report: operations, outcomes, violations).</summary>
    public TestSupport.Torture.TortureReport? Torture { get; set; }

    /// <summary>Issue #19 (6): time from the store's return to the last user served, per store.</summary>
    public List<StoreOutage.Result> Outages { get; } = [];

    /// <summary>What this run could not measure and why (not failures).</summary>
    public List<string> Notes { get; } = [];

    public List<string> Failures { get; } = [];

    /// <summary>The chart files written next to the report (issue #14 (5)).</summary>
    public IReadOnlyList<string> Charts { get; set; } = [];

    public Dictionary<string, double> StepSeconds { get; } = [];

    public double TotalSeconds { get; set; }
}

/// <summary>The machine, as the issue asks: cores, memory, CPU model, load average at start and end, .NET.</summary>
public sealed class MachineInfo
{
    public int Cores { get; set; }

    public string Cpu { get; set; } = "";

    public string Memory { get; set; } = "";

    public string Os { get; set; } = "";

    public string DotNet { get; set; } = "";

    public string Gc { get; set; } = "";

    public string LoadAverageStart { get; set; } = "";

    public string LoadAverageEnd { get; set; } = "";

    public DateTimeOffset Started { get; set; }

    public static MachineInfo Capture() => new()
    {
        Cores = Environment.ProcessorCount,
        Cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown",
        Memory = Run("free", "-h"),
        Os = RuntimeInformation.OSDescription,
        DotNet = RuntimeInformation.FrameworkDescription,
        Gc = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
        LoadAverageStart = LoadAverage(),
        Started = DateTimeOffset.UtcNow,
    };

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false });
            var text = p!.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text.TrimEnd();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
