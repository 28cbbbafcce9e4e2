namespace ConversationActors.Cluster.Tests.Support;

/// <summary>
/// A cluster of gateway processes on 127.0.0.1, driven through scripts/cluster.sh exactly as an operator
/// drives it, on a freshly created PostgreSQL database (scripts/postgres.sh --reset). The tests use
/// ports 5180+i (HTTP) and 4150+i (Akka) so that an operator's cluster on the default ports is left alone.
/// Pid and log files: data/cluster-tests/&lt;test&gt;/.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const int HttpBase = 5180;
    public const int AkkaBase = 4150;
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);
    private readonly Dictionary<string, string> _environment;
    private readonly ITestOutputHelper _output;

    private LocalCluster(string directory, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings)
    {
        Directory = directory;
        _output = output;
        _environment = new Dictionary<string, string>
        {
            ["CLUSTER_DIR"] = directory,
            ["CLUSTER_HTTP_BASE"] = HttpBase.ToString(),
            ["CLUSTER_AKKA_BASE"] = AkkaBase.ToString(),
            ["CA_PG_DB"] = "conversations_cluster_tests",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[name] = value;
        }
    }

    /// <summary>The folder with node-I.pid and node-I.log.</summary>
    public string Directory { get; }

    public static Uri Url(int node) => new($"http://127.0.0.1:{HttpBase + node}");

    public static string AkkaAddress(int node) => $"akka.tcp://conversation-actors@127.0.0.1:{AkkaBase + node}";

    /// <summary>
    /// Node <paramref name="node"/>'s URL as this cluster's settings place it: <c>CLUSTER_HOSTS=distinct</c> puts node I on
    /// 127.0.0.(10+I), and <c>CLUSTER_HTTP_BASE</c> may move the ports.
    /// </summary>
    public Uri NodeUrl(int node) =>
        new($"http://{(_environment.GetValueOrDefault("CLUSTER_HOSTS") == "distinct" ? $"127.0.0.{10 + node}" : "127.0.0.1")}:{int.Parse(_environment["CLUSTER_HTTP_BASE"]) + node}");

    /// <summary>Node <paramref name="node"/>'s pid now (under <c>CLUSTER_SUPERVISE=1</c> it changes at each restart), or null.</summary>
    public int? PidOf(int node) =>
        File.Exists(Path.Combine(Directory, $"node-{node}.pid")) && int.TryParse(File.ReadAllText(Path.Combine(Directory, $"node-{node}.pid")).Trim(), out var pid) ? pid : null;

    /// <summary>Node <paramref name="node"/>'s log so far.</summary>
    public string LogOf(int node)
    {
        var path = Path.Combine(Directory, $"node-{node}.log");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary><c>scripts/netfault.sh</c> with this cluster's settings (split, isolate, bridge, heal, freeze, thaw).</summary>
    public Task NetFaultAsync(params string[] arguments) => RunAsync("netfault.sh", arguments);

    /// <summary>Fresh database, then <c>cluster.sh start <paramref name="nodes"/></c>.</summary>
    /// <param name="settings">Environment variables for every node (<c>CONVERSATION_ACTORS_*</c> settings overrides).</param>
    /// <param name="dll">The gateway build the nodes run (<see cref="PreviousRelease"/>); null: this checkout's.</param>
    public static async Task<LocalCluster> StartAsync(
        string name, int nodes, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null, string? dll = null)
    {
        var directory = Path.Combine(Repository.Root, "data", "cluster-tests", name);
        var cluster = new LocalCluster(directory, output, settings);
        await cluster.RunAsync("cluster.sh", "stop"); // leftovers of an aborted run
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        await cluster.RunAsync("postgres.sh", "--reset");
        try
        {
            await cluster.RunAsync("cluster.sh", ["start", nodes.ToString()], dll);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public Task StartAllAsync(int nodes) => RunAsync("cluster.sh", "start", nodes.ToString());

    /// <summary><c>cluster.sh start-node</c>: node <paramref name="node"/> joins; from the build <paramref name="dll"/> (null: this checkout's).</summary>
    public Task StartNodeAsync(int node, string? dll = null) => RunAsync("cluster.sh", ["start-node", node.ToString()], dll);

    public Task KillAsync(int node) => RunAsync("cluster.sh", "kill", node.ToString());

    /// <summary><c>cluster.sh term</c>: SIGTERM, and the node must leave and exit by itself (the script SIGKILLs it after 60 s).</summary>
    public async Task TermAsync(int node)
    {
        var output = await RunAsync("cluster.sh", ["term", node.ToString()], dll: null);
        if (output.Contains("sending SIGKILL", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"node {node} did not leave and exit within 60 s of SIGTERM:\n{output}");
        }
    }

    public Task StopAsync() => RunAsync("cluster.sh", "stop");

    /// <summary>Stops PostgreSQL (fast shutdown), as an operator's restart does.</summary>
    public Task StopStoreAsync() => RunAsync("postgres.sh", "--stop");

    /// <summary>Starts PostgreSQL again; returns once it accepts connections.</summary>
    public Task StartStoreAsync() => RunAsync("postgres.sh");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception e)
        {
            _output.WriteLine($"stopping the cluster failed: {e.Message}");
        }
    }

    private Task<string> RunAsync(string script, params string[] arguments) => RunAsync(script, arguments, dll: null);

    /// <summary>Runs the script (with <c>CLUSTER_DLL</c> = <paramref name="dll"/> when set); returns what it printed.</summary>
    private async Task<string> RunAsync(string script, string[] arguments, string? dll)
    {
        var config = script == "cluster.sh" ? new[] { "--config", Repository.Configuration } : [];
        var environment = dll is null ? _environment : new Dictionary<string, string>(_environment) { ["CLUSTER_DLL"] = dll };
        var result = await Shell.RunAsync(Path.Combine("scripts", script), [.. config, .. arguments], environment, ScriptTimeout);
        _output.WriteLine($"$ scripts/{script} {string.Join(' ', arguments)} (exit {result.ExitCode})\n{result.Output.TrimEnd()}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.Output}");
        }

        return result.Output;
    }
}
