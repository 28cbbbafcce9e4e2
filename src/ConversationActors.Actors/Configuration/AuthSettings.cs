using System.Text;
using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>
/// <c>conversation-actors.auth</c>: the HS256 key, issuer, audience and clock skew of bearer tokens (SPEC 5).
/// No key means authentication is off, which the gateway allows only on loopback addresses.
/// </summary>
public sealed record AuthSettings(byte[]? SigningKey, string Issuer, string Audience, TimeSpan ClockSkew)
{
    /// <summary>HS256 wants at least 256 bits of key; shorter keys are refused at start.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The role claim value that grants ingest, profiles, audit, time travel and admin endpoints.</summary>
    public const string AdminRole = "admin";

    /// <summary>The claim that carries roles: a string, or an array of strings.</summary>
    public const string RoleClaim = "role";

    public bool Enabled => SigningKey is not null;

    public static AuthSettings From(Config config)
    {
        var c = config.GetConfig("conversation-actors.auth") ?? ConfigurationFactory.Empty;
        var key = c.GetString("signing-key", string.Empty);
        var bytes = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);
        if (bytes is not null && bytes.Length < MinKeyBytes)
        {
            throw new ConfigurationException(
                $"conversation-actors.auth.signing-key must be at least {MinKeyBytes} bytes (HS256), got {bytes.Length}; " +
                "e.g. CONVERSATION_ACTORS_AUTH_SIGNING_KEY=$(openssl rand -base64 48)");
        }

        var skew = c.GetTimeSpan("clock-skew", TimeSpan.FromSeconds(30), allowInfinite: false);
        return new AuthSettings(
            bytes,
            NonEmpty(c, "issuer"),
            NonEmpty(c, "audience"),
            skew >= TimeSpan.Zero ? skew : throw new ConfigurationException("conversation-actors.auth.clock-skew must not be negative"));
    }

    private static string NonEmpty(Config c, string key) =>
        c.GetString(key, "conversation-actors") is { Length: > 0 } value
            ? value
            : throw new ConfigurationException($"conversation-actors.auth.{key} must not be empty");
}
