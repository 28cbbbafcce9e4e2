using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>
/// The gateway as a real process (the built dll) on a fixed loopback port and SQLite file, so it can be stopped
/// (SIGTERM, as an operator would) and started again at the same address on the same journal.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _process;

    public GatewayProcess()
    {
        _folder = Directory.CreateTempSubdirectory("ca-client-process-").FullName;
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
    }

    public Uri BaseAddress { get; }

    public async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.GetLeftPart(UriPartial.Authority)])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(_folder, "c.db")}";
        start.Environment["CONVERSATION_ACTORS_CONFIG_DIR"] = Path.Combine(AppContext.BaseDirectory, "config");
        start.Environment["CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"] = "0";
        start.Environment["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Ready.WaitAsync(BaseAddress, TimeSpan.FromSeconds(60), () => process.HasExited);
    }

    /// <summary>SIGTERM and wait for the exit: open streams end, the port is free again.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
