using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>
/// The gateway as a real process (TestSupport's <see cref="GatewayServerProcess"/>) on a fixed loopback port and SQLite
/// file, so it can be stopped (SIGTERM, as an operator would) and started again at the same address on the same journal.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly string _folder;
    private GatewayServerProcess? _server;

    public GatewayProcess()
    {
        _folder = Directory.CreateTempSubdirectory("ca-client-process-").FullName;
        BaseAddress = GatewayServerProcess.FreeLoopbackAddress();
    }

    public Uri BaseAddress { get; }

    public async Task StartAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(_folder, "c.db")}",
            ["CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"] = "0",
            ["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0",
        };
        var dll = Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll");
        _server = await GatewayServerProcess.StartAsync(dll, _folder, environment, TimeSpan.FromSeconds(60), BaseAddress);
    }

    /// <summary>SIGTERM and wait for the exit: open streams end, the port is free again.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
