using System.Net;
using ConversationActors.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationActors.TestSupport.Hosting;

/// <summary>
/// The real gateway (its own Program) in the test process, on Kestrel at a free loopback port, so clients talk to
/// <see cref="BaseAddress"/> over real HTTP. Its settings are HOCON on top of config/*.conf (at least the SQLite
/// connection string). Akka remoting binds port 0, so several hosts can run side by side; two hosts never share a
/// database at once. The one in-process host: <see cref="GatewayServerProcess"/> is the one out of process.
/// </summary>
public sealed class InProcessGateway : IAsyncDisposable
{
    private readonly Factory _factory;

    private InProcessGateway(Factory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a host and waits until <c>/health/ready</c> answers 200.</summary>
    /// <param name="hocon">HOCON appended after the config files: the SQLite connection string, e.g. a tiny ask-timeout.</param>
    /// <param name="time">A clock replacing <see cref="TimeProvider.System"/> in the container.</param>
    public static async Task<InProcessGateway> StartAsync(string hocon, TimeProvider? time = null)
    {
        var factory = new Factory(hocon, time);

        // Not UseKestrel(0): with a port, the factory rewrites the server's addresses after the app has built, racing
        // Kestrel's bind ("IServerAddressesFeature.Addresses cannot be modified after the server has started",
        // dotnet/aspnetcore#67714). The port comes from the urls setting below (127.0.0.1:0: a free one).
        factory.UseKestrel();
        factory.StartServer();
        Uri baseAddress;
        using (var probe = factory.CreateClient())
        {
            baseAddress = probe.BaseAddress!;
        }

        var gateway = new InProcessGateway(factory, baseAddress);
        try
        {
            await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>A client of <see cref="BaseAddress"/> (the caller disposes it).</summary>
    public HttpClient CreateClient() => _factory.CreateClient();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var http = CreateClient();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            using var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the host was not ready within {limit}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(100);
        }
    }

    private sealed class Factory(string hocon, TimeProvider? time) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
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
