using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration;
using ConversationActors.Actors.Configuration;

namespace ConversationActors.Cli.Commands;

/// <summary><c>convctl token --user U [--admin] [--ttl 1h]</c>: a bearer token signed with the configured key.</summary>
public static partial class TokenCommand
{
    public static Command Create(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "the userID: the token's sub", Required = true };
        var admin = new Option<bool>("--admin") { Description = "add role \"admin\" (the chat backend: ingest, profiles, audit, admin endpoints)" };
        var ttl = new Option<string>("--ttl") { Description = "lifetime: a number with s, m, h or d (e.g. 30m, 1h, 7d)", DefaultValueFactory = _ => "1h" };
        var command = new Command("token", "Mint a bearer token (JWT, HS256) from the configured signing key (CONVERSATION_ACTORS_AUTH_SIGNING_KEY).") { user, admin, ttl };
        command.SetAction(parse =>
        {
            if (ParseTtl(parse.GetValue(ttl)!) is not { } lifetime)
            {
                cli.Error.WriteLine($"--ttl must be a positive number with s, m, h or d (e.g. 1h), got \"{parse.GetValue(ttl)}\"");
                return 2;
            }

            AuthSettings auth;
            try
            {
                auth = AuthSettings.From(AkkaConfigLoader.Load(parse.GetValue(cli.ConfigDir) ?? AkkaConfigLoader.DefaultDirectory));
            }
            catch (ConfigurationException e)
            {
                cli.Error.WriteLine(e.Message);
                return 2;
            }

            if (!auth.Enabled)
            {
                cli.Error.WriteLine("no signing key is configured: set conversation-actors.auth.signing-key or CONVERSATION_ACTORS_AUTH_SIGNING_KEY (the same as the server's)");
                return 2;
            }

            cli.Out.WriteLine(TokenMinter.Mint(auth, parse.GetValue(user)!, parse.GetValue(admin), lifetime, DateTimeOffset.UtcNow));
            return 0;
        });
        return command;
    }

    public static TimeSpan? ParseTtl(string text)
    {
        var match = Ttl().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 3650L * 24 * 3600)
        {
            return null;
        }

        var seconds = match.Groups[2].Value switch { "s" => n, "m" => n * 60, "h" => n * 3600, _ => n * 86400 };
        return seconds <= 3650L * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex("^([0-9]{1,10})([smhd])$")]
    private static partial Regex Ttl();
}
