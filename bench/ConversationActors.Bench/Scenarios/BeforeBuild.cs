using System.Diagnostics;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue 27 (6): an earlier revision's bench, checked out as a detached git worktree in the bench's work folder
/// (<c>before-HASH</c>, reused by later runs) and built in Release, so its own <c>serve</c> (its gateway, its config folder,
/// its baseline endpoints) runs the same write shapes in the same run as this build: the report's "before" rows.
/// </summary>
/// <param name="Revision">The revision's short hash.</param>
/// <param name="Folder">The worktree.</param>
public sealed record BeforeBuild(string Revision, string Folder)
{
    public string Dll => Path.Combine(Folder, "bench", "ConversationActors.Bench", "bin", "Release", "net10.0", "ConversationActors.Bench.dll");

    public string ConfigDir => Path.Combine(Folder, "config");

    /// <summary>The server name of <paramref name="store"/>'s run on this build (<c>sqlite-9a18eb0</c>).</summary>
    public string ServerName(string store) => $"{store}-{Revision}";

    /// <summary>The revision's <c>serve</c> with <paramref name="args"/>, on server GC as this build's servers run.</summary>
    public ProcessStartInfo ServeStartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.Environment["DOTNET_gcServer"] = "1";
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Checks the revision out (once) and builds its bench; throws when its bench has no <c>serve</c> mode.</summary>
    public static async Task<BeforeBuild> PrepareAsync(Options options, string revision)
    {
        var root = Options.FindRepoRoot();
        var hash = (await RunAsync(root, "git", "rev-parse", "--short=7", revision + "^{commit}")).Trim();
        var folder = Path.Combine(options.WorkDir, $"before-{hash}");
        if (!File.Exists(Path.Combine(folder, ".git")))
        {
            await RunAsync(root, "git", "worktree", "prune");
            await RunAsync(root, "git", "worktree", "add", "--force", "--detach", folder, hash);
        }
        else
        {
            await RunAsync(folder, "git", "checkout", "--quiet", "--detach", hash);
        }

        var main = Path.Combine(folder, "bench", "ConversationActors.Bench", "BenchMain.cs");
        if (!File.Exists(main) || !(await File.ReadAllTextAsync(main)).Contains("case \"serve\":", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"revision {hash}'s bench has no 'serve' mode to run the before rows with");
        }

        await RunAsync(folder, "dotnet", "build", "bench/ConversationActors.Bench", "-c", "Release", "-nologo", "-v", "quiet", "--disable-build-servers");
        var build = new BeforeBuild(hash, folder);
        return File.Exists(build.Dll) ? build : throw new InvalidOperationException($"the build of {hash} wrote no {build.Dll}");
    }

    private static async Task<string> RunAsync(string folder, string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {Tail(await stdout + await stderr)}");
    }

    private static string Tail(string text) => text.Length <= 1500 ? text : text[^1500..];
}
