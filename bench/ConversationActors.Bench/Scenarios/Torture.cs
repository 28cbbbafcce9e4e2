using ConversationActors.TestSupport.Torture;

namespace ConversationActors.Bench.Scenarios;

/// <summary>
/// Issue 26: the concurrency torture suite as a soak (<c>--torture-minutes</c>, default 10; a few seconds with --smoke):
/// the tests' workload and checks (tests/ConversationActors.TestSupport/Torture) against a gateway server on a fresh
/// SQLite file with a short passivate-after, a small snapshot cadence and a journal retention, for much longer than a
/// test runs. Users are retired at their message cap (below the dedupe window) and replaced, so entities keep starting.
/// </summary>
public static class Torture
{
    /// <summary>The server's settings: every life-cycle event happens often.</summary>
    public static Dictionary<string, string> Settings(TimeSpan journalRetention) => TortureOptions.ServiceSettings(journalRetention);

    /// <summary>The journal retention of a run of <paramref name="duration"/>: a tenth of it, 3 s to a minute.</summary>
    public static TimeSpan JournalRetention(TimeSpan duration) =>
        TimeSpan.FromSeconds(Math.Clamp(Math.Round(duration.TotalSeconds / 10), 3, 60));

    public static async Task<TortureReport> RunAsync(Options options, TimeSpan duration)
    {
        var file = Path.Combine(options.WorkDir, "torture.db");
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(f);
        }

        var retention = JournalRetention(duration);
        var environment = Settings(retention);
        environment["CONVERSATION_ACTORS_STORE"] = "sqlite";
        environment["CONVERSATION_ACTORS_SQLITE_CONNECTION"] = $"Data Source={file}";
        await using var server = await ServerProcess.StartAsync(options, "torture", environment);
        return await TortureSuite.RunAsync(new TortureOptions
        {
            Nodes = [server.BaseAddress],
            Duration = duration,
            LateUsersJoinBeforeEnd = retention * 0.75,
        });
    }
}
