using System.Text.Json.Nodes;
using ConversationActors.Domain.Events;

namespace ConversationActors.Cli.Tests;

/// <summary>convctl against a running gateway and its SQLite journal: export, import, replay, verify.</summary>
public sealed class ConvCtlTests
{
    [Fact]
    public async Task Export_then_import_into_a_fresh_store_gives_identical_events_and_lists()
    {
        await using var source = await AuditHost.StartAsync();
        var t = AuditHost.Now;
        await source.MessageAsync("alice", "C2Cbob", "m1", "bob", t);
        await source.MessageAsync("alice", "GROUPteam", "g1", "carol", t + 1);
        await source.SendAsync(HttpMethod.Put, "/v1/users/alice/conversations/C2Cbob/pin", new { isPinned = true });
        await source.SendAsync(HttpMethod.Put, "/v1/users/alice/conversations/GROUPteam/draft", new { draftText = "later" });
        await source.MessageAsync("alice", "C2Cbob", "m2", "alice", t + 2);
        var sourceList = await source.SendAsync(HttpMethod.Get, "/v1/users/alice/conversations");
        var sourceEvents = await source.SendAsync(HttpMethod.Get, "/v1/users/alice/events");
        var file = Path.Combine(source.Folder, "alice.ndjson");

        var export = await CliRun.RunAsync(null, "export", "--user", "alice", "--out", file, "--connection", source.ConnectionString);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(5, File.ReadAllLines(file).Length);

        await using var target = await AuditHost.StartAsync();
        var import = await CliRun.RunAsync(null, "import", "--in", file, "--user", "alice", "--connection", target.ConnectionString);
        Assert.True(import.ExitCode == 0, import.Error);

        Assert.Equal(sourceEvents.ToJsonString(), (await target.SendAsync(HttpMethod.Get, "/v1/users/alice/events")).ToJsonString());
        Assert.Equal(sourceList.ToJsonString(), (await target.SendAsync(HttpMethod.Get, "/v1/users/alice/conversations")).ToJsonString());

        var again = await CliRun.RunAsync(null, "import", "--in", file, "--user", "alice", "--connection", target.ConnectionString);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already has 5 events", again.Error);
    }

    [Fact]
    public async Task Verify_finds_no_mismatch_on_a_clean_store_and_reports_a_planted_event()
    {
        await using var host = await AuditHost.StartAsync();
        var t = AuditHost.Now;
        await host.MessageAsync("alice", "C2Cbob", "m1", "bob", t);
        await host.MessageAsync("alice", "C2Ccarol", "m2", "carol", t + 1);
        await host.MessageAsync("dave", "C2Calice", "m3", "alice", t + 2);

        var clean = await CliRun.RunAsync(null, "verify", "--all", "--url", host.BaseAddress.ToString(), "--connection", host.ConnectionString);
        Assert.True(clean.ExitCode == 0, clean.Output + clean.Error);
        Assert.Contains("verified 2 users: 0 mismatches", clean.Output);

        // The entity is running and does not see an event written behind its back.
        await host.AppendBehindTheEntityAsync("alice", 3, new ConversationPinned("C2Ccarol", AuditHost.Now, false, []));

        var planted = await CliRun.RunAsync(null, "verify", "--user", "alice", "--url", host.BaseAddress.ToString(), "--connection", host.ConnectionString);
        Assert.Equal(1, planted.ExitCode);
        Assert.Contains("alice: C2Ccarol isPinned: journal true, live false", planted.Output);
    }

    [Fact]
    public async Task Replay_shows_the_list_as_it_was_after_an_event()
    {
        await using var host = await AuditHost.StartAsync();
        var t = AuditHost.Now;
        await host.MessageAsync("alice", "C2Cbob", "m1", "bob", t);
        await host.MessageAsync("alice", "C2Ccarol", "m2", "carol", t + 1);
        await host.SendAsync(HttpMethod.Delete, "/v1/users/alice/conversations/C2Cbob");

        var before = await CliRun.RunAsync(null, "replay", "--user", "alice", "--as-of-seq", "2", "--connection", host.ConnectionString);
        var now = await CliRun.RunAsync(null, "replay", "--user", "alice", "--connection", host.ConnectionString);

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("C2Cbob", before.Output);
        Assert.Contains("2 conversations, total unread 2", before.Output);
        Assert.DoesNotContain("C2Cbob", now.Output);
        Assert.Contains("1 conversations, total unread 1", now.Output);
    }

    [Fact]
    public async Task Replay_refuses_a_time_without_a_zone()
    {
        var result = await CliRun.RunAsync(null, "replay", "--user", "alice", "--as-of", "2026-11-21T10:00:00");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("with a zone", result.Error);
    }

    internal static JsonArray List(JsonNode answer) => answer["data"]!["conversationList"]!.AsArray();
}
