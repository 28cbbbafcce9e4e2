using System.CommandLine;
using Spectre.Console;

namespace ConversationActors.Cli;

/// <summary>What every command shares: where it writes, how it reaches HTTP, and the store options.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, HttpMessageHandler? http)
{
    public Option<string?> ConfigDir { get; } = new("--config-dir") { Description = "folder with the service's HOCON files (default: config/ beside convctl)", Recursive = true };

    public Option<string?> Store { get; } = new("--store") { Description = "sqlite or postgres (default: from the config)", Recursive = true };

    public Option<string?> Connection { get; } = new("--connection") { Description = "connection string of the journal database (default: from the config)", Recursive = true };

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Console { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    public HttpClient CreateHttpClient() => http is null ? new HttpClient() : new HttpClient(http, disposeHandler: false);

    public StoreSession OpenSession(ParseResult parse) =>
        StoreSession.Open(new StoreOptions(parse.GetValue(ConfigDir), parse.GetValue(Store), parse.GetValue(Connection)));
}
