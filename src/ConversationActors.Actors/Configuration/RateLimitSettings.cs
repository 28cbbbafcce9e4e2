using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// <c>conversation-actors.rate-limit</c>: requests per fixed window, counted per token subject (or per
/// client IP without a valid token). Admin tokens (the chat backend) have their own, larger budget.
/// 0 permits turns that budget off.
/// </summary>
public sealed record RateLimitSettings(int Permits, int AdminPermits, TimeSpan Window)
{
    public static RateLimitSettings From(Config config)
    {
        var c = config.GetConfig("conversation-actors.rate-limit") ?? ConfigurationFactory.Empty;
        var window = c.GetTimeSpan("window", TimeSpan.FromSeconds(1), allowInfinite: false);
        if (window <= TimeSpan.Zero)
        {
            throw new ConfigurationException("conversation-actors.rate-limit.window must be positive");
        }

        return new RateLimitSettings(NotNegative(c, "permits", 100), NotNegative(c, "admin-permits", 5000), window);
    }

    private static int NotNegative(Config c, string key, int fallback)
    {
        var value = c.GetInt(key, fallback);
        return value >= 0 ? value : throw new ConfigurationException($"conversation-actors.rate-limit.{key} must be 0 (off) or more, got {value}");
    }
}
