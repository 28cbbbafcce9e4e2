using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConversationActors.Gateway.Tests.Readme;

/// <summary>
/// The gateway as a real process on 127.0.0.1 (the built dll, as `dotnet run` would start it), on a
/// SQLite file in a fresh temp folder. Disposing it sends SIGTERM and waits for the exit.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private GatewayProcess(Process process, string folder, string baseUrl, bool ownsFolder)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static Task<GatewayProcess> StartAsync(TimeSpan readyWithin) =>
        StartAsync(readyWithin, Directory.CreateTempSubdirectory("ca-readme-").FullName, new Dictionary<string, string>(), ownsFolder: true);

    /// <summary>
    /// A gateway on the SQLite file <c>c.db</c> in <paramref name="folder"/>, which outlives the process (a restart
    /// starts another process on the same file), with extra environment variables (settings overrides).
    /// </summary>
    public static Task<GatewayProcess> StartAsync(TimeSpan readyWithin, string folder, IReadOnlyDictionary<string, string> environment) =>
        StartAsync(readyWithin, folder, environment, ownsFolder: false);

    private static async Task<GatewayProcess> StartAsync(TimeSpan readyWithin, string folder, IReadOnlyDictionary<string, string> environment, bool ownsFolder)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var dll = Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(folder, "c.db")}";
        start.Environment["CONVERSATION_ACTORS_CONFIG_DIR"] = Path.Combine(AppContext.BaseDirectory, "config");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var gateway = new GatewayProcess(process, folder, baseUrl, ownsFolder);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + readyWithin;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return gateway;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await gateway.DisposeAsync();
        throw new TimeoutException($"the gateway at {baseUrl} was not ready within {readyWithin}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the graceful shutdown an operator would send.
            Process.Start("kill", ["-TERM", _process.Id.ToString()])?.WaitForExit();
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
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
