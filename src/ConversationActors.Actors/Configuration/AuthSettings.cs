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
        var key = SettingsCatalog.Text(config, "auth.signing-key", Encoding.UTF8.GetByteCount);
        return new AuthSettings(
            string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key),
            SettingsCatalog.Text(config, "auth.issuer"),
            SettingsCatalog.Text(config, "auth.audience"),
            SettingsCatalog.Duration(config, "auth.clock-skew"));
    }
}
