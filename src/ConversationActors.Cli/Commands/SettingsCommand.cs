using System.CommandLine;
using Akka.Configuration;
using ConversationActors.Actors.Configuration;

namespace ConversationActors.Cli.Commands;

/// <summary>
/// <c>convctl settings</c>: prints every setting with its default, allowed range and environment variable (the README's
/// table is this output); <c>--check</c> instead loads the configuration as a node would and reports the first
/// invalid value (exit 2), so an operator can validate a deployment's settings before starting it.
/// </summary>
public static class SettingsCommand
{
    public static Command Create(CliContext cli)
    {
        var check = new Option<bool>("--check") { Description = "validate the configuration (files + CONVERSATION_ACTORS_* variables) instead of listing" };
        var command = new Command("settings", "List every setting (markdown table) or, with --check, validate the configuration.") { check };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(check))
            {
                cli.Out.Write(SettingsCatalog.MarkdownTable());
                return 0;
            }

            try
            {
                var config = AkkaConfigLoader.Load(parse.GetValue(cli.ConfigDir) ?? AkkaConfigLoader.DefaultDirectory);
                NodeSettings.From(config, TimeProvider.System);
                EdgeSettings.From(config);
                foreach (var setting in SettingsCatalog.All.Where(s => s.Key.StartsWith("changes.", StringComparison.Ordinal)))
                {
                    _ = setting.Kind == SettingKind.Duration ? SettingsCatalog.Duration(config, setting.Key).ToString() : SettingsCatalog.Int(config, setting.Key).ToString();
                }
            }
            catch (ConfigurationException e)
            {
                cli.Error.WriteLine(e.Message);
                return 2;
            }

            cli.Out.WriteLine("configuration is valid");
            return 0;
        });
        return command;
    }
}
