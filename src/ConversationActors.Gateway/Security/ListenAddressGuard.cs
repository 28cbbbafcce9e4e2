using System.Net;
using ConversationActors.Actors.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConversationActors.Gateway.Security;

/// <summary>
/// SPEC 5's safe default: without a signing key the server runs only while every listening address is
/// loopback. Checked before Kestrel binds (from the configured URLs) and again once it has bound.
/// </summary>
public sealed class ListenAddressGuard(
    EdgeSettings settings,
    IConfiguration configuration,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<ListenAddressGuard> log) : IHostedService
{
    public const string NoKeyMessage =
        "Refusing to start: no signing key is configured (conversation-actors.auth.signing-key, " +
        "CONVERSATION_ACTORS_AUTH_SIGNING_KEY) and the server would listen on {0}, which is not loopback. " +
        "Set a key of at least 32 bytes, or listen on 127.0.0.1 / localhost only.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Auth.Enabled)
        {
            log.LogInformation("Bearer tokens required (HS256, issuer {Issuer}, audience {Audience})", settings.Auth.Issuer, settings.Auth.Audience);
            return Task.CompletedTask;
        }

        var exposed = ConfiguredAddresses(configuration).Where(a => !IsLoopback(a)).ToArray();
        if (exposed.Length > 0)
        {
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, NoKeyMessage, string.Join(", ", exposed));
            log.LogCritical("{Message}", message);
            throw new InvalidOperationException(message);
        }

        log.LogWarning(
            "AUTHENTICATION IS OFF: no signing key is configured, so every request acts as admin. " +
            "This is allowed only because every listening address is loopback. Set CONVERSATION_ACTORS_AUTH_SIGNING_KEY to require tokens.");
        lifetime.ApplicationStarted.Register(CheckBoundAddresses);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The addresses from --urls, ASPNETCORE_URLS, appsettings, HTTP(S)_PORTS and Kestrel:Endpoints.</summary>
    public static IEnumerable<string> ConfiguredAddresses(IConfiguration configuration)
    {
        foreach (var key in new[] { "urls", "http_ports", "https_ports" })
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // HTTP(S)_PORTS bind every interface.
                yield return key == "urls" ? part : "*:" + part;
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    /// <summary>Loopback IPs, localhost and Unix sockets; wildcards, 0.0.0.0 and host names are not.</summary>
    public static bool IsLoopback(string address)
    {
        if (address.StartsWith("*:", StringComparison.Ordinal))
        {
            return false;
        }

        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (binding.IsUnixPipe || string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    private void CheckBoundAddresses()
    {
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = bound.Where(a => !IsLoopback(a)).ToArray();
        if (exposed.Length > 0)
        {
            log.LogCritical("{Message}", string.Format(System.Globalization.CultureInfo.InvariantCulture, NoKeyMessage, string.Join(", ", exposed)));
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
