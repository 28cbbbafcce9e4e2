using System.Diagnostics;
using ConversationActors.Gateway.Security;
using ConversationActors.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;

namespace ConversationActors.Gateway.Tests.Security;

/// <summary>SPEC 5's safe default: no signing key is fine on loopback only; anywhere else the server refuses to start.</summary>
public sealed class StartupGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.2:80", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    [InlineData("http://example.com:5080", false)]
    [InlineData("*:8080", false)]
    public void Only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        Assert.Equal(loopback, ListenAddressGuard.IsLoopback(address));

    [Fact]
    public void Every_configured_address_counts_urls_ports_and_kestrel_endpoints()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:1;http://0.0.0.0:2",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Http:Url"] = "http://10.0.0.1:3",
        }).Build();

        Assert.Equal(["http://127.0.0.1:1", "http://0.0.0.0:2", "*:8080", "http://10.0.0.1:3"], ListenAddressGuard.ConfiguredAddresses(configuration));
    }

    [Fact]
    public async Task Without_a_signing_key_the_server_refuses_to_start_on_a_non_loopback_address_and_says_why()
    {
        var folder = Directory.CreateTempSubdirectory("ca-guard-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ConversationActors.Gateway.dll"), "--urls", $"http://0.0.0.0:{GatewayServerProcess.FreePort()}"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={Path.Combine(folder, "c.db")}";
            start.Environment["CONVERSATION_ACTORS_CONFIG_DIR"] = Path.Combine(AppContext.BaseDirectory, "config");
            start.Environment.Remove("CONVERSATION_ACTORS_AUTH_SIGNING_KEY");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("no signing key is configured", await stdout + await stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
