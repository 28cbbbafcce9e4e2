using ConversationActors.Gateway.Hosting;
using ConversationActors.TestSupport.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>
/// The real gateway (its own Program) on Kestrel at a free loopback port, on a fresh SQLite file, optionally
/// with TestSupport's signing key (<see cref="Tokens.Key"/>). The client under test talks to <see cref="BaseAddress"/> over real HTTP.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly string _folder;

    private GatewayServer(Factory factory, string folder, Uri baseAddress)
    {
        _factory = factory;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<GatewayServer> StartAsync(bool secured = false, string extraHocon = "")
    {
        var folder = Directory.CreateTempSubdirectory("ca-client-").FullName;
        var hocon = $"conversation-actors.sqlite.connection-string = \"Data Source={Path.Combine(folder, "c.db")}\"\n"
            + "conversation-actors.rate-limit.permits = 0\nconversation-actors.rate-limit.admin-permits = 0\n"
            + (secured ? Tokens.Hocon + "\n" : string.Empty) + extraHocon;
        var factory = new Factory(hocon);
        factory.UseKestrel(0);
        factory.StartServer();
        using var http = factory.CreateClient();
        var gateway = new GatewayServer(factory, folder, http.BaseAddress!);
        await Ready.WaitAsync(gateway.BaseAddress, TimeSpan.FromSeconds(60));
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Factory(string hocon) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting(ActorSystemSetup.HoconOverrideKey, hocon);
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }
    }
}
