using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// What the gateway enforces at its edge before any handler runs (SPEC 5): authentication, the
/// per-token rate limit, and the body, request-line and header size limits.
/// </summary>
public sealed record EdgeSettings(AuthSettings Auth, RateLimitSettings RateLimit, int MaxRequestLineBytes, int MaxHeaderBytes, int MaxBodyBytes)
{
    public static EdgeSettings From(Config config) => new(
        AuthSettings.From(config),
        RateLimitSettings.From(config),
        SettingsCatalog.Int(config, "limits.max-request-line-bytes"),
        SettingsCatalog.Int(config, "limits.max-header-bytes"),
        SettingsCatalog.Int(config, "limits.max-body-bytes"));
}
