namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>
/// One host per test class (an ActorSystem start costs seconds), on a fresh SQLite file. Tests of a
/// class share it, so each test uses its own userIDs.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("the host has not started");

    public Api Api => Host.Api;

    /// <summary>HOCON appended to the configuration of this fixture's host.</summary>
    protected virtual string ExtraHocon => string.Empty;

    /// <summary>The clock of this fixture's host; null keeps the system clock.</summary>
    protected virtual TimeProvider? Time => null;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(_folder.Database, ExtraHocon, Time);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _folder.Dispose();
    }
}
