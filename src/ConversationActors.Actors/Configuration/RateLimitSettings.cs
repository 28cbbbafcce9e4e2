using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// <c>conversation-actors.rate-limit</c>: requests per fixed window, counted per token subject (or per
/// client IP without a valid token). Admin tokens (the chat backend) have their own, larger budget.
/// 0 permits turns that budget off.
/// </summary>
public sealed record RateLimitSettings(int Permits, int AdminPermits, TimeSpan Window)
{
    public static RateLimitSettings From(Config config) => new(
        SettingsCatalog.Int(config, "rate-limit.permits"),
        SettingsCatalog.Int(config, "rate-limit.admin-permits"),
        SettingsCatalog.Duration(config, "rate-limit.window"));
}
