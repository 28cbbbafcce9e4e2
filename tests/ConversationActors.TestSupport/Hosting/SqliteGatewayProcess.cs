namespace ConversationActors.TestSupport.Hosting;

/// <summary>
/// The gateway as a real process on 127.0.0.1 (<see cref="GatewayServerProcess"/>: the built dll, as `dotnet run` would
/// start it) on the SQLite file <c>c.db</c> of a folder: a fresh temp folder it owns, or one the caller keeps across
/// processes. It can stop and start again on the same file and address (a restart), or die by SIGKILL (a crash).
/// Disposing it sends SIGTERM, waits for the exit and deletes a folder it owns.
/// </summary>
public sealed class SqliteGatewayProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly Dictionary<string, string> _environment;
    private readonly TimeSpan _readyWithin;
    private GatewayServerProcess? _server;

    private SqliteGatewayProcess(string folder, bool ownsFolder, IReadOnlyDictionary<string, string> environment, TimeSpan readyWithin)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        _readyWithin = readyWithin;
        _environment = new Dictionary<string, string>(environment)
        {
            ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(folder, "c.db")}",
        };
        BaseAddress = GatewayServerProcess.FreeLoopbackAddress();
    }

    /// <summary>The address it listens on, the same after a restart.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The base URL without a trailing slash (<c>http://127.0.0.1:PORT</c>).</summary>
    public string BaseUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>
    /// Starts a gateway ready within <paramref name="readyWithin"/>, with extra environment variables (settings
    /// overrides), on <paramref name="folder"/>'s SQLite file (null: a temp folder of its own).
    /// </summary>
    public static async Task<SqliteGatewayProcess> StartAsync(TimeSpan readyWithin, IReadOnlyDictionary<string, string>? environment = null, string? folder = null)
    {
        var gateway = new SqliteGatewayProcess(
            folder ?? Directory.CreateTempSubdirectory("ca-gateway-").FullName, ownsFolder: folder is null, environment ?? new Dictionary<string, string>(), readyWithin);
        await gateway.StartAgainAsync();
        return gateway;
    }

    /// <summary>Starts the gateway again on the same file and address after <see cref="StopAsync"/> or <see cref="KillAsync"/>.</summary>
    public async Task StartAgainAsync()
    {
        await StopAsync();
        var dll = Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll");
        _server = await GatewayServerProcess.StartAsync(dll, _folder, _environment, _readyWithin, BaseAddress);
    }

    /// <summary>SIGTERM and the wait for the exit: a shutdown.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing (a crash, not a shutdown).</summary>
    public async Task KillAsync()
    {
        if (_server is { } server)
        {
            await server.KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
