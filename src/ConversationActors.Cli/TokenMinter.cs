using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.Actors.Configuration;

namespace ConversationActors.Cli;

/// <summary>
/// Mints the JWTs the gateway accepts (SPEC 5): HS256, <c>sub</c> = userID, <c>iss</c>/<c>aud</c> from the
/// config, <c>iat</c>/<c>nbf</c>/<c>exp</c>, and <c>role: "admin"</c> for the chat backend. A few lines of
/// HMAC, so the tool needs no token library; the gateway's tests check it against the real validator.
/// </summary>
public static class TokenMinter
{
    public static string Mint(AuthSettings auth, string userID, bool admin, TimeSpan ttl, DateTimeOffset now)
    {
        var key = auth.SigningKey ?? throw new InvalidOperationException("no signing key is configured");
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["sub"] = userID,
            ["iss"] = auth.Issuer,
            ["aud"] = auth.Audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + ttl).ToUnixTimeSeconds(),
        };
        if (admin)
        {
            payload[AuthSettings.RoleClaim] = AuthSettings.AdminRole;
        }

        var unsigned = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
