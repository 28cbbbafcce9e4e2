using System.Text.Json;
using ConversationActors.Bench.Micro;
using ConversationActors.Bench.Scenarios;

namespace ConversationActors.Bench;

/// <summary>
/// Modes: <c>run</c> (the whole bench; writes docs/benchmarks.md), <c>serve</c> (the gateway's Program in this
/// process plus the baseline endpoints), and the child modes <c>recovery</c>, <c>memory</c>, <c>history</c>, <c>micro</c>
/// (each writes its result as JSON to --out, so its heap and JIT state are its own).
/// </summary>
public static class BenchMain
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "run";
        var options = Options.Parse(args.Skip(1).ToArray());
        switch (mode)
        {
            case "serve":
                Environment.SetEnvironmentVariable(Server.BaselineHostingStartup.Variable, "1");
                var entry = typeof(Gateway.Hosting.ActorSystemSetup).Assembly.EntryPoint
                    ?? throw new InvalidOperationException("the gateway has no entry point");
                entry.Invoke(null, [args.Skip(1).ToArray()]);
                return 0;
            case "recovery":
                await WriteAsync(options, await Recovery.RunAsync(options.ConfigDir, options.WorkDir, options.Sizes.RecoveryLarge, options.Sizes.RecoverySmall, options.Sizes.Reps));
                return 0;
            case "memory":
                await WriteAsync(options, await Memory.RunAsync(options.ConfigDir, options.Sizes.MemoryIdle, options.Sizes.MemorySmall, options.Sizes.MemoryLarge, 100));
                return 0;
            case "history":
                await WriteAsync(options, await HistorySeed.RunAsync(options.ConfigDir, Path.Combine(options.WorkDir, "history.db"), options.Smoke));
                return 0;
            case "retention":
                await WriteAsync(options, await RetentionSimulation.RunAsync(options.ConfigDir, options.WorkDir, options.Smoke));
                return 0;
            case "micro":
                await WriteAsync(options, MicroRunner.Run(Path.Combine(options.WorkDir, "micro"), options.Smoke));
                return 0;
            case "run":
                return await Driver.RunAsync(options);
            default:
                Console.Error.WriteLine("usage: ConversationActors.Bench [run|serve|recovery|memory|history|retention|micro] [--smoke] [--work DIR] [--out FILE] [--config-dir DIR] [--before REV]");
                return 2;
        }
    }

    private static Task WriteAsync<T>(Options options, T result) =>
        File.WriteAllTextAsync(options.Out ?? throw new ArgumentException("--out is required"), JsonSerializer.Serialize(result, Json));
}

/// <summary>Command-line options shared by every mode.</summary>
public sealed record Options(bool Smoke, string WorkDir, string ConfigDir, string? Out, string Report, string PostgresConnection, string RedisAddress, string[] Raw)
{
    /// <summary><c>--only micro,recovery,memory,sqlite,pages,postgres,history,soak,torture,outage</c>: run just these groups (pages: the page reads alone) (to try one; the report then lacks the rest).</summary>
    /// <summary><c>--soak-minutes N</c>: the soak's length (default 30 minutes; 5 seconds with --smoke).</summary>
    public TimeSpan SoakDuration =>
        Smoke ? TimeSpan.FromSeconds(5)
        : Array.IndexOf(Raw, "--soak-minutes") is var i and >= 0 && i + 1 < Raw.Length ? TimeSpan.FromMinutes(double.Parse(Raw[i + 1], System.Globalization.CultureInfo.InvariantCulture))
        : TimeSpan.FromMinutes(30);

    /// <summary><c>--torture-minutes N</c>: the torture soak's length (default 10 minutes; 6 seconds with --smoke unless given).</summary>
    public TimeSpan TortureDuration =>
        Array.IndexOf(Raw, "--torture-minutes") is var i and >= 0 && i + 1 < Raw.Length ? TimeSpan.FromMinutes(double.Parse(Raw[i + 1], System.Globalization.CultureInfo.InvariantCulture))
        : Smoke ? TimeSpan.FromSeconds(6)
        : TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>--before REV</c> (issue 27 (6)): also run the write shapes on that git revision's own bench server (its `serve`, built
    /// in Release from a worktree in the work folder), right after this build's, for the before/after rows of the report.
    /// </summary>
    public string? Before => Array.IndexOf(Raw, "--before") is var i and >= 0 && i + 1 < Raw.Length ? Raw[i + 1] : null;

    public IReadOnlyList<string>? Only => Array.IndexOf(Raw, "--only") is var i and >= 0 && i + 1 < Raw.Length ? Raw[i + 1].Split(',') : null;

    public Sizes Sizes => Smoke ? Sizes.SmokeSizes : Sizes.Full;

    public static Options Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var root = FindRepoRoot();
        var work = Path.GetFullPath(Value("--work") ?? Path.Combine(root, "data", "bench"));
        Directory.CreateDirectory(work);
        return new Options(
            args.Contains("--smoke"),
            work,
            Path.GetFullPath(Value("--config-dir") ?? Path.Combine(root, "config")),
            Value("--out"),
            Path.GetFullPath(Value("--report") ?? Path.Combine(root, "docs", "benchmarks.md")),
            Value("--pg") ?? "Host=127.0.0.1;Port=5432;Database=conversations;Username=conversations;Password=conversations",
            Value("--redis") ?? "127.0.0.1:6379",
            args);
    }

    /// <summary>The repository this bench runs from: the nearest folder up from the current one holding ConversationActors.sln.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConversationActors.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>
/// Every size of the run; --smoke shrinks them so the whole run takes well under a minute. <c>IngestWarmUp</c>: each
/// ingest shape's load on users of its own before the measured repetitions, long enough that a fresh server's JIT and
/// tiering are done (measured on SQLite: a fresh server spent ~350 µs of CPU per message in its first 8 s and ~90 µs from
/// 20 s on; on PostgreSQL, `perf` put 12 % of the server's samples in the JIT 9-17 s in and 1 % after 30 s).
/// </summary>
public sealed record Sizes(
    int Reps,
    TimeSpan WarmUp,
    TimeSpan Measure,
    int IngestUsers,
    int IngestMessagesPerUser,
    int IngestConcurrency,
    TimeSpan IngestWarmUp,
    int RawSingleRows,
    int RawBatchedRows,
    int PageConversations,
    int ReadConcurrency,
    int RecoveryLarge,
    int RecoverySmall,
    int MemoryIdle,
    int MemorySmall,
    int MemoryLarge,
    int FanOutGroups,
    int FanOutMembers,
    int FanOutRequests,
    int FanOutConcurrency,
    int MixedConversations,
    TimeSpan StoreOutage)
{
    public static Sizes Full { get; } = new(
        Reps: 3, WarmUp: TimeSpan.FromSeconds(2), Measure: TimeSpan.FromSeconds(3),
        IngestUsers: 1000, IngestMessagesPerUser: 10, IngestConcurrency: 64, IngestWarmUp: TimeSpan.FromSeconds(25),
        RawSingleRows: 500, RawBatchedRows: 10_000,
        PageConversations: 5000, ReadConcurrency: 16,
        RecoveryLarge: 100_000, RecoverySmall: 10_000,
        MemoryIdle: 10_000, MemorySmall: 10_000, MemoryLarge: 100_000,
        FanOutGroups: 4, FanOutMembers: 500, FanOutRequests: 40, FanOutConcurrency: 4,
        MixedConversations: 1000, StoreOutage: TimeSpan.FromSeconds(15));

    public static Sizes SmokeSizes { get; } = new(
        Reps: 1, WarmUp: TimeSpan.FromMilliseconds(200), Measure: TimeSpan.FromMilliseconds(500),
        IngestUsers: 10, IngestMessagesPerUser: 5, IngestConcurrency: 8, IngestWarmUp: TimeSpan.FromMilliseconds(200),
        RawSingleRows: 20, RawBatchedRows: 200,
        PageConversations: 300, ReadConcurrency: 4,
        RecoveryLarge: 2000, RecoverySmall: 500,
        MemoryIdle: 200, MemorySmall: 200, MemoryLarge: 500,
        FanOutGroups: 2, FanOutMembers: 20, FanOutRequests: 6, FanOutConcurrency: 2,
        MixedConversations: 50, StoreOutage: TimeSpan.FromSeconds(2));
}
