using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Gateway.Tests.Readme;

/// <summary>
/// The gateway as a real process on 127.0.0.1 (<see cref="GatewayServerProcess"/>: the built dll, as `dotnet run` would
/// start it) on the SQLite file <c>c.db</c> of a folder: a fresh temp folder it owns, or one the caller keeps across
/// restarts. Disposing it sends SIGTERM and waits for the exit.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly GatewayServerProcess _server;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private GatewayProcess(GatewayServerProcess server, string folder, bool ownsFolder)
    {
        _server = server;
        _folder = folder;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The base URL without a trailing slash (<c>http://127.0.0.1:PORT</c>).</summary>
    public string BaseUrl => _server.BaseAddress.ToString().TrimEnd('/');

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
        var settings = new Dictionary<string, string>(environment)
        {
            ["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(folder, "c.db")}",
        };
        var dll = Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll");
        return new GatewayProcess(await GatewayServerProcess.StartAsync(dll, folder, settings, readyWithin), folder, ownsFolder);
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing (a crash, not a shutdown).</summary>
    public Task KillAsync() => _server.KillAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
