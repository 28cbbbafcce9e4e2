using System.Diagnostics;
using System.Text.RegularExpressions;
using ConversationActors.TestSupport.Hosting;
using ConversationActors.TestSupport.Repository;

namespace ConversationActors.Gateway.Tests.Readme;

/// <summary>
/// Runs the README's walk-through (its bash block, unchanged but for BASE) against a real gateway
/// process: every curl must answer the envelope, with code 0 except where the README says
/// "# expect CODE", in that order.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    [Fact]
    public async Task Every_curl_of_the_README_walkthrough_answers_as_the_README_says()
    {
        var script = WalkthroughBlock();
        var expectedErrors = ExpectRegex().Matches(script).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
        Assert.NotEmpty(expectedErrors);

        await using var gateway = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60));
        var codesFile = Path.GetTempFileName();
        try
        {
            // A curl wrapper records each answer's envelope code; the README's commands run as written.
            var wrapper = $$"""
                set -u
                curl() { local out; out=$(command curl "$@"); printf '%s\n' "$out"; printf '%s\n' "$out" | sed -n 's/^{"code":\([0-9]*\),.*/\1/p;t;s/.*/none/p' | head -n 1 >> '{{codesFile}}'; }
                """;
            var body = script.Replace("BASE=http://127.0.0.1:5080", $"BASE={gateway.BaseUrl}");
            var (exitCode, output) = await RunBashAsync(wrapper + "\n" + body);
            Assert.True(exitCode == 0, $"the walk-through failed (exit {exitCode}):\n{output}");

            var codes = (await File.ReadAllLinesAsync(codesFile)).Where(l => l.Length > 0).ToArray();
            Assert.True(codes.Length >= 15, $"expected the walk-through to make at least 15 calls, saw {codes.Length}:\n{output}");
            Assert.DoesNotContain("none", codes);
            var errors = codes.Where(c => c != "0").Select(int.Parse).ToArray();
            Assert.Equal(expectedErrors, errors);
            Assert.Contains("\"isFinished\":true", output);
            Assert.Contains("\"showName\":\"Bob\"", output);
            Assert.Contains("\"delivered\":0,\"duplicates\":2", output);
        }
        finally
        {
            File.Delete(codesFile);
        }
    }

    [Fact]
    public async Task Every_curl_of_the_README_organizing_section_answers_code_0_after_the_walkthrough()
    {
        var script = WalkthroughBlock() + "\n" + Block("## Organizing conversations");
        var expectedErrors = ExpectRegex().Matches(script).Select(m => int.Parse(m.Groups[1].Value)).ToArray();

        await using var gateway = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60));
        var codesFile = Path.GetTempFileName();
        try
        {
            var wrapper = $$"""
                set -u
                curl() { local out; out=$(command curl "$@"); printf '%s\n' "$out"; printf '%s\n' "$out" | sed -n 's/^{"code":\([0-9]*\),.*/\1/p;t;s/.*/none/p' | head -n 1 >> '{{codesFile}}'; }
                """;
            var (exitCode, output) = await RunBashAsync(wrapper + "\n" + script.Replace("BASE=http://127.0.0.1:5080", $"BASE={gateway.BaseUrl}"));
            Assert.True(exitCode == 0, $"the README blocks failed (exit {exitCode}):\n{output}");

            var codes = (await File.ReadAllLinesAsync(codesFile)).Where(l => l.Length > 0).ToArray();
            Assert.DoesNotContain("none", codes);
            Assert.Equal(expectedErrors, codes.Where(c => c != "0").Select(int.Parse).ToArray());
            Assert.Contains("\"conversationGroupList\":[\"Work\"]", output);
            Assert.Contains("\"resultCode\":6004", output);
            Assert.Contains("\"customData\":", output);
        }
        finally
        {
            File.Delete(codesFile);
        }
    }

    private static string WalkthroughBlock() => Block("## Walk-through");

    /// <summary>The first bash block after <paramref name="heading"/>.</summary>
    private static string Block(string heading)
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        var start = section.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length;
        var end = section.IndexOf("```", start, StringComparison.Ordinal);
        return section[start..end];
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"#\s*expect\s+(\d+)")]
    private static partial Regex ExpectRegex();
}
