using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// What the gateway enforces at its edge before any handler runs (SPEC 5): authentication, the
/// per-token rate limit, the URL and header size limits (the body limit is <see cref="NodeSettings.MaxBodyBytes"/>),
/// and which other origins' pages may call it (<see cref="CorsSettings"/>).
/// </summary>
public sealed record EdgeSettings(AuthSettings Auth, RateLimitSettings RateLimit, int MaxRequestLineBytes, int MaxHeaderBytes)
{
    /// <summary>The CORS allow-list; by default none (same origin only).</summary>
    public CorsSettings Cors { get; init; } = CorsSettings.SameOriginOnly;

    public static EdgeSettings From(Config config)
    {
        var limits = config.GetConfig("conversation-actors.limits") ?? ConfigurationFactory.Empty;
        return new EdgeSettings(
            AuthSettings.From(config),
            RateLimitSettings.From(config),
            Positive(limits, "max-request-line-bytes", 8192),
            Positive(limits, "max-header-bytes", 32768))
        {
            Cors = CorsSettings.From(config),
        };
    }

    private static int Positive(Config c, string key, int fallback)
    {
        var value = c.GetInt(key, fallback);
        return value >= 1024 ? value : throw new ConfigurationException($"conversation-actors.limits.{key} must be at least 1024, got {value}");
    }
}
