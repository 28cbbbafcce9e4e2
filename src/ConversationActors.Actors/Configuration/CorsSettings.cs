using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// <c>conversation-actors.cors.allowed-origins</c>: the origins whose pages may call the API. Empty: same origin
/// only. <c>*</c>: any origin (never with credentials: the gateway does not take cookies). Each entry is
/// <c>scheme://host[:port]</c>, checked at start.
/// </summary>
public sealed record CorsSettings(IReadOnlyList<string> AllowedOrigins)
{
    public static CorsSettings SameOriginOnly { get; } = new([]);

    public bool Enabled => AllowedOrigins.Count > 0;

    public bool AnyOrigin => AllowedOrigins is ["*"];

    public static CorsSettings From(Config config) => Parse(SettingsCatalog.Text(config, "cors.allowed-origins"));

    public static CorsSettings Parse(string? text)
    {
        var origins = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        if (origins.Contains("*") && origins.Length > 1)
        {
            throw new ConfigurationException("conversation-actors.cors.allowed-origins: \"*\" stands alone, without other origins");
        }

        foreach (var origin in origins.Where(o => o != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                throw new ConfigurationException($"conversation-actors.cors.allowed-origins: \"{origin}\" is not an origin (scheme://host[:port], http or https, no path)");
            }
        }

        return new CorsSettings(origins);
    }
}
