using System.CommandLine;
using ConversationActors.Cli.Commands;

namespace ConversationActors.Cli;

/// <summary>convctl's command tree. Tests run it in-process with their own writers and HTTP handler.</summary>
public static class ConvCtl
{
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, HttpMessageHandler? http = null)
    {
        var cli = new CliContext(output ?? Console.Out, error ?? Console.Error, http);
        var root = new RootCommand("convctl — ConversationActors' operator and auditor tool: export, replay, verify, import, archive, token, settings.")
        {
            ExportCommand.Create(cli),
            ReplayCommand.Create(cli),
            VerifyCommand.Create(cli),
            ImportCommand.Create(cli),
            ArchiveCommand.Create(cli),
            TokenCommand.Create(cli),
            SettingsCommand.Create(cli),
        };
        root.Options.Add(cli.ConfigDir);
        root.Options.Add(cli.Store);
        root.Options.Add(cli.Connection);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = cli.Out, Error = cli.Error });
    }
}
