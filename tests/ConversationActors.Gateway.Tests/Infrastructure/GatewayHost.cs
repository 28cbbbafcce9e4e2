using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>
/// TestSupport's <see cref="InProcessGateway"/> over a SQLite file of the caller's choosing, with an <see cref="Api"/>
/// to talk to it. Two hosts never share a database at once (the restart tests dispose one before starting the next).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly InProcessGateway _gateway;

    private GatewayHost(InProcessGateway gateway, Api api)
    {
        _gateway = gateway;
        Api = api;
    }

    public Api Api { get; }

    public IServiceProvider Services => _gateway.Services;

    /// <summary>Starts a host on <paramref name="databasePath"/> and waits until /health/ready says it is Up.</summary>
    /// <param name="databasePath">The SQLite file (created if missing).</param>
    /// <param name="extraHocon">HOCON appended after the config files, e.g. a tiny ask-timeout.</param>
    /// <param name="time">A clock replacing <see cref="TimeProvider.System"/> in the container.</param>
    public static async Task<GatewayHost> StartAsync(string databasePath, string extraHocon = "", TimeProvider? time = null)
    {
        var hocon = $"conversation-actors.sqlite.connection-string = \"Data Source={databasePath}\"\n{extraHocon}";
        var gateway = await InProcessGateway.StartAsync(hocon, time);
        return new GatewayHost(gateway, new Api(gateway.CreateClient()));
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _gateway.DisposeAsync();
    }
}
