using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.Gateway.Tests.Infrastructure;

/// <summary>Bearer tokens for hosts started with <see cref="SecuredFixture"/>'s key, good and bad, minted by the IdentityModel library.</summary>
public static class Tokens
{
    public const string Key = "test-signing-key-of-at-least-32-bytes!!";
    public const string Issuer = "conversation-actors";
    public const string Audience = "conversation-actors";

    /// <summary>HOCON that turns authentication on with <see cref="Key"/>.</summary>
    public const string Hocon = "conversation-actors.auth.signing-key = \"" + Key + "\"";

    public static string User(string userID) => Mint(userID, admin: false);

    public static string Admin(string userID = "chat-backend") => Mint(userID, admin: true);

    public static string Expired(string userID) => Mint(userID, admin: true, expires: DateTime.UtcNow.AddMinutes(-10));

    public static string WrongSignature(string userID) => Mint(userID, admin: true, key: "another-key-that-is-also-32-bytes-long!");

    public static string Malformed => "not.a.jwt";

    public static string Mint(string userID, bool admin, DateTime? expires = null, string key = Key, string issuer = Issuer)
    {
        var claims = new List<Claim> { new("sub", userID) };
        if (admin)
        {
            claims.Add(new Claim("role", "admin"));
        }

        var exp = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = Audience,
            IssuedAt = exp.AddHours(-2),
            NotBefore = exp.AddHours(-2),
            Expires = exp,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Sends with <paramref name="token"/> as the bearer (none when null).</summary>
    public static async Task<Answer> SendAsync(this Api api, string? token, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await api.SendAsync(request);
    }
}
