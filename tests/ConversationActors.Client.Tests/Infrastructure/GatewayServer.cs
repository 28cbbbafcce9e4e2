using ConversationActors.TestSupport.Hosting;
using ConversationActors.TestSupport.Security;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>
/// TestSupport's <see cref="InProcessGateway"/> on a fresh SQLite file, rate limits off, optionally with TestSupport's
/// signing key (<see cref="Tokens.Key"/>). The client under test talks to <see cref="BaseAddress"/> over real HTTP.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly InProcessGateway _gateway;
    private readonly string _folder;

    private GatewayServer(InProcessGateway gateway, string folder)
    {
        _gateway = gateway;
        _folder = folder;
    }

    public Uri BaseAddress => _gateway.BaseAddress;

    public static async Task<GatewayServer> StartAsync(bool secured = false, string extraHocon = "")
    {
        var folder = Directory.CreateTempSubdirectory("ca-client-").FullName;
        var hocon = $"conversation-actors.sqlite.connection-string = \"Data Source={Path.Combine(folder, "c.db")}\"\n"
            + "conversation-actors.rate-limit.permits = 0\nconversation-actors.rate-limit.admin-permits = 0\n"
            + (secured ? Tokens.Hocon + "\n" : string.Empty) + extraHocon;
        return new GatewayServer(await InProcessGateway.StartAsync(hocon), folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
