using System.Text;
using ConversationActors.Cli.Commands;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationActors.Cli.Tests;

/// <summary><c>convctl token</c>: a JWT the gateway's validator accepts, from the configured key.</summary>
public sealed class TokenCommandTests
{
    private const string Key = "cli-test-signing-key-of-32-bytes-or-more";

    [Fact]
    public async Task Token_mints_an_admin_jwt_from_the_configured_key_that_the_gateways_validator_accepts()
    {
        var dir = ConfigWithKey();
        try
        {
            var result = await CliRun.RunAsync(null, "token", "--user", "backend", "--admin", "--ttl", "30m", "--config-dir", dir);

            Assert.True(result.ExitCode == 0, result.Error);
            var validation = await new JsonWebTokenHandler().ValidateTokenAsync(result.Output.Trim(), new TokenValidationParameters
            {
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidIssuer = "conversation-actors",
                ValidAudience = "conversation-actors",
                RequireExpirationTime = true,
            });
            Assert.True(validation.IsValid, validation.Exception?.Message);
            Assert.Equal("backend", validation.Claims["sub"]);
            Assert.Equal("admin", validation.Claims["role"]);
            var exp = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(validation.Claims["exp"]));
            Assert.InRange(exp - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Token_without_a_configured_key_says_how_to_set_one()
    {
        var result = await CliRun.RunAsync(null, "token", "--user", "alice");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CONVERSATION_ACTORS_AUTH_SIGNING_KEY", result.Error);
    }

    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("30m", 1800)]
    [InlineData("45s", 45)]
    [InlineData("7d", 604800)]
    [InlineData("0h", null)]
    [InlineData("1w", null)]
    [InlineData("h", null)]
    public void Ttl_is_a_number_with_a_unit(string text, int? seconds) =>
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), TokenCommand.ParseTtl(text));

    private static string ConfigWithKey()
    {
        var dir = Directory.CreateTempSubdirectory("ca-token-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config"), "*.conf"))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(dir, "conversation-actors.conf"), $"\nconversation-actors.auth.signing-key = \"{Key}\"\n");
        return dir;
    }
}
