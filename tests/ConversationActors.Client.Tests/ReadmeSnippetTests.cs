using System.Diagnostics;
using ConversationActors.Client.Tests.Infrastructure;
using ConversationActors.TestSupport.Repository;

namespace ConversationActors.Client.Tests;

/// <summary>
/// The README's .NET snippet, run as written (as a .NET 10 file-based app; only the base address and the
/// project reference are this checkout's) against a real gateway: a newcomer who copies it sees it work.
/// </summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task The_readme_snippet_runs_and_shows_the_list_the_refusal_and_the_first_change()
    {
        var root = RepositoryFiles.Root();
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var section = readme.IndexOf("### .NET: `src/ConversationActors.Client`", StringComparison.Ordinal);
        Assert.True(section >= 0, "the README has a .NET client section");
        var start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        var snippet = readme[start..readme.IndexOf("\n```", start, StringComparison.Ordinal)];
        Assert.Contains("new Uri(\"http://127.0.0.1:5080\")", snippet);

        await using var gateway = await GatewayServer.StartAsync();
        var folder = Directory.CreateTempSubdirectory("ca-readme-snippet-").FullName;
        try
        {
            // File-based apps default to Native AOT, where reflection-based JSON is off; the client needs it (see README).
            var file = Path.Combine(folder, "snippet.cs");
            await File.WriteAllTextAsync(file,
                $"#:project {Path.Combine(root, "src/ConversationActors.Client/ConversationActors.Client.csproj")}\n#:property PublishAot=false\n"
                + snippet.Replace("new Uri(\"http://127.0.0.1:5080\")", $"new Uri(\"{gateway.BaseAddress}\")"));
            var (exit, output) = await RunAsync(folder, "dotnet", "run", file);

            Assert.True(exit == 0, output);
            Assert.Contains("1 conversations, 1 unread, bob: Lunch?", output);
            Assert.Contains("refused: 6017 400", output);
            Assert.Contains("change 1: TotalUnreadChanged  1", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string folder, string command, params string[] args)
    {
        var start = new ProcessStartInfo(command, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("ADMIN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
