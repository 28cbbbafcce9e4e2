namespace ConversationActors.Cli.Tests;

/// <summary>Runs convctl in-process and captures what it prints.</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(HttpMessageHandler? http, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await ConvCtl.RunAsync(args, output, error, http);
        return (exitCode, output.ToString(), error.ToString());
    }
}
