using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.TestSupport.Security;

/// <summary>
/// Bearer tokens for gateways started with <see cref="Hocon"/> (signing key <see cref="Key"/>), good and bad, minted by
/// the IdentityModel library: a minter independent of the CLI's hand-rolled one (ConversationActors.Cli's TokenMinter,
/// which the gateway's tests check against the real validator), so a bug in either cannot hide the other's.
/// </summary>
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
}
