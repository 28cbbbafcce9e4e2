using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace ConversationActors.Cli.Tests;

/// <summary>
/// Issue 15, the journal's life cycle from the operator's side: <c>convctl archive</c> writes NDJSON incrementally and
/// <c>convctl import</c> restores it exactly; on a compacted journal export, replay and archive say where history starts.
/// </summary>
public sealed class ArchiveTests
{
    [Fact]
    public async Task Archive_is_incremental_repairs_a_crashed_run_and_imports_into_a_fresh_store_with_identical_events_and_lists()
    {
        await using var source = await AuditHost.StartAsync();
        var archive = Path.Combine(source.Folder, "archive");
        var file = Path.Combine(archive, "alice.ndjson");
        var t = AuditHost.Now - 60_000;
        await source.MessageAsync("alice", "C2Cbob", "m1", "bob", t);
        await source.MessageAsync("alice", "GROUPteam", "g1", "carol", t + 1);
        await source.SendAsync(HttpMethod.Put, "/v1/users/alice/conversations/C2Cbob/pin", new { isPinned = true });

        var first = await Archive(source, archive);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(3, File.ReadAllLines(file).Length);

        await source.SendAsync(HttpMethod.Put, "/v1/users/alice/conversations/GROUPteam/draft", new { draftText = "later" });
        await source.MessageAsync("alice", "C2Cbob", "m2", "alice", t + 2);
        File.AppendAllText(file, "{\"seq\":4,\"manifest\":\"half a line of a run that crashed"); // past the recorded watermark
        var second = await Archive(source, archive);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("archived events 4..5", second.Output);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], File.ReadAllLines(file).Select(l => JsonNode.Parse(l)!["seq"]!.GetValue<long>()));
        Assert.Contains("nothing new", (await Archive(source, archive)).Output);

        await using var target = await AuditHost.StartAsync();
        var import = await CliRun.RunAsync(null, "import", "--in", file, "--user", "alice", "--connection", target.ConnectionString);
        Assert.True(import.ExitCode == 0, import.Error);

        Assert.Equal(
            (await source.SendAsync(HttpMethod.Get, "/v1/users/alice/events")).ToJsonString(),
            (await target.SendAsync(HttpMethod.Get, "/v1/users/alice/events")).ToJsonString());
        Assert.Equal(
            (await source.SendAsync(HttpMethod.Get, "/v1/users/alice/conversations")).ToJsonString(),
            (await target.SendAsync(HttpMethod.Get, "/v1/users/alice/conversations")).ToJsonString());
    }

    [Fact]
    public async Task On_a_compacted_journal_export_replay_and_archive_say_where_history_starts_and_verify_still_agrees()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await AuditHost.StartAsync("""
            conversation-actors.snapshot-every = 4
            conversation-actors.retention = 0
            conversation-actors.journal.retention = 90d
            """, clock);
        long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 1; i <= 8; i++)
        {
            await host.MessageAsync("alice", "C2Cpeer" + (i % 3), "old" + i, "peer" + (i % 3), Now());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromDays(91));
        for (var i = 1; i <= 4; i++)
        {
            await host.MessageAsync("alice", "C2Cnew" + i, "new" + i, "new" + i, Now());
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // The compaction follows the snapshot after event 12: wait until the event log refuses seq 1.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await host.SendAsync(HttpMethod.Get, "/v1/users/alice/events?fromSeq=1"))["code"]!.GetValue<int>() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var archive = await Archive(host, Path.Combine(host.Folder, "archive"));
        Assert.Equal(1, archive.ExitCode);
        Assert.Contains("events 1..8 were deleted before they were archived", archive.Error);

        var export = await CliRun.RunAsync(null, "export", "--user", "alice", "--connection", host.ConnectionString);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("history starts after event 8", export.Error);
        Assert.Equal(4, export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var early = await CliRun.RunAsync(null, "replay", "--user", "alice", "--as-of-seq", "3", "--connection", host.ConnectionString);
        Assert.Equal(1, early.ExitCode);
        Assert.Contains("history starts after event 8", early.Error);
        var later = await CliRun.RunAsync(null, "replay", "--user", "alice", "--as-of-seq", "10", "--connection", host.ConnectionString);
        Assert.True(later.ExitCode == 0, later.Error);
        Assert.Contains("C2Cnew2", later.Output);

        var verify = await CliRun.RunAsync(null, "verify", "--user", "alice", "--url", host.BaseAddress.ToString(), "--connection", host.ConnectionString);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Contains("0 mismatches", verify.Output);
    }

    private static Task<(int ExitCode, string Output, string Error)> Archive(AuditHost host, string directory) =>
        CliRun.RunAsync(null, "archive", "--user", "alice", "--dir", directory, "--connection", host.ConnectionString);
}
