using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>HS256 tokens for <see cref="GatewayServer.SigningKey"/>, minted by the IdentityModel library.</summary>
public static class Tokens
{
    public static string User(string userID) => Mint(userID, admin: false);

    public static string Admin() => Mint("chat-backend", admin: true);

    private static string Mint(string userID, bool admin)
    {
        var claims = new List<Claim> { new("sub", userID) };
        if (admin)
        {
            claims.Add(new Claim("role", "admin"));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = "conversation-actors",
            Audience = "conversation-actors",
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(GatewayServer.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
