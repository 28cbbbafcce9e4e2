namespace ConversationActors.Cluster.Tests.Support;

/// <summary>
/// The release before this one (compat/previous-release), built from git in a worktree by scripts/previous-release.sh
/// once per test run: the path of its gateway dll, which <see cref="LocalCluster"/> runs nodes from.
/// </summary>
public static class PreviousRelease
{
    private static readonly Lazy<Task<string>> Build = new(BuildAsync);

    /// <summary>The previous release's gateway dll (built with the configuration of these tests).</summary>
    public static Task<string> GatewayDllAsync() => Build.Value;

    private static async Task<string> BuildAsync()
    {
        var result = await Shell.RunAsync(
            Path.Combine("scripts", "previous-release.sh"), ["--config", Repository.Configuration], new Dictionary<string, string>(), TimeSpan.FromMinutes(10));
        var dll = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
        if (result.ExitCode != 0 || !dll.EndsWith(".dll", StringComparison.Ordinal) || !File.Exists(dll))
        {
            throw new InvalidOperationException($"scripts/previous-release.sh failed (exit {result.ExitCode}):\n{result.Output}");
        }

        return dll;
    }
}
