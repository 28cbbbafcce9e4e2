using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConversationActors.Bench.Scenarios;

/// <summary>The gateway (with the baselines) as a child process of the driver: `ConversationActors.Bench serve`.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, Uri baseAddress, StreamWriter log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public static async Task<ServerProcess> StartAsync(Options options, string name, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = SelfStartInfo("serve", "--urls", url);
        info.WorkingDirectory = options.WorkDir;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment["BENCH_BASELINES"] = "1";
        info.Environment["CONVERSATION_ACTORS_CONFIG_DIR"] = options.ConfigDir;
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

        var log = new StreamWriter(Path.Combine(options.WorkDir, $"server-{name}.log")) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri(url), log);

        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the {name} server exited with {process.ExitCode}; see server-{name}.log");
            }

            try
            {
                var ready = await client.GetStringAsync("/health/ready");
                if (ready.Contains("\"code\":0", StringComparison.Ordinal))
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"the {name} server was not ready within 2 minutes");
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the gateway runs CoordinatedShutdown and exits.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
