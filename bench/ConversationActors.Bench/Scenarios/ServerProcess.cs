using System.Diagnostics;
using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// The gateway (with the baselines) as a child process of the driver: `ConversationActors.Bench serve`, started, awaited
/// and stopped by TestSupport's <see cref="GatewayServerProcess"/> (the one launcher the tests use too).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly GatewayServerProcess _server;

    private ServerProcess(GatewayServerProcess server)
    {
        _server = server;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public int Pid => _server.Pid;

    /// <param name="before">Another revision's build to serve instead of this one (issue 27 (6)), with its own config folder.</param>
    public static async Task<ServerProcess> StartAsync(Options options, string name, IReadOnlyDictionary<string, string> environment, BeforeBuild? before = null)
    {
        var baseAddress = GatewayServerProcess.FreeLoopbackAddress();
        var urls = baseAddress.GetLeftPart(UriPartial.Authority);
        var info = before is null ? SelfStartInfo("serve", "--urls", urls) : before.ServeStartInfo("--urls", urls);
        info.WorkingDirectory = options.WorkDir;
        info.Environment["BENCH_BASELINES"] = "1";
        info.Environment["CONVERSATION_ACTORS_CONFIG_DIR"] = before?.ConfigDir ?? options.ConfigDir;
        info.Environment["CONVERSATION_ACTORS_LOG_LEVEL"] = "WARNING";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The rate limiter off (0 = unlimited): the bench measures the service, not the limiter (issue #13).
        info.Environment["CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"] = "0";
        info.Environment["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = Path.Combine(options.WorkDir, $"server-{name}.log");
        return new ServerProcess(await GatewayServerProcess.StartAsync(info, baseAddress, log, TimeSpan.FromMinutes(2)));
    }

    /// <summary>This program again, with the given arguments (as an apphost or through dotnet).</summary>
    public static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        // Servers and measuring children run with the gateway's own GC (server GC, the ASP.NET Core default), whatever
        // the driver runs with: scripts/bench.sh runs the driver, which is the load client, with workstation GC.
        info.Environment["DOTNET_gcServer"] = "1";
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            info.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
