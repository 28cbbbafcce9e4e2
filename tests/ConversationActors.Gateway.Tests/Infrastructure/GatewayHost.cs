using ConversationActors.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (its own Program) on Kestrel at a free loopback port, over a SQLite file of the
/// caller's choosing. Akka remoting binds port 0, so several hosts can run side by side; two hosts
/// never share a database at once (the restart tests dispose one before starting the next).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly Factory _factory;

    private GatewayHost(Factory factory, Api api)
    {
        _factory = factory;
        Api = api;
    }

    public Api Api { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a host on <paramref name="databasePath"/> and waits until /health/ready says it is Up.</summary>
    /// <param name="databasePath">The SQLite file (created if missing).</param>
    /// <param name="extraHocon">HOCON appended after the config files, e.g. a tiny ask-timeout.</param>
    /// <param name="time">A clock replacing <see cref="TimeProvider.System"/> in the container.</param>
    public static async Task<GatewayHost> StartAsync(string databasePath, string extraHocon = "", TimeProvider? time = null)
    {
        var factory = new Factory(databasePath, extraHocon, time);
        factory.UseKestrel(0);
        factory.StartServer();
        var api = new Api(factory.CreateClient());
        var host = new GatewayHost(factory, api);
        try
        {
            await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private sealed class Factory(string databasePath, string extraHocon, TimeProvider? time) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            var hocon = $"conversation-actors.sqlite.connection-string = \"Data Source={databasePath}\"\n{extraHocon}";
            builder.UseSetting(ActorSystemSetup.HoconOverrideKey, hocon);
            builder.UseSetting("urls", "http://127.0.0.1:0");
            if (time is not null)
            {
                builder.ConfigureTestServices(services =>
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(time);
                });
            }
        }
    }
}
