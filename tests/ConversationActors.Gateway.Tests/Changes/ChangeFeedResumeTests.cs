using Akka.Actor;
using Akka.Cluster.Sharding;
using ConversationActors.Actors.Sharding;
using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Changes;
using ConversationActors.TestSupport.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests.Changes;

/// <summary>
/// Issue 15: the change feed comes from the entity, whose recent history does not survive a passivation or a restart;
/// a resume afterwards is caught up from the journal (from a snapshot) and gives exactly what a replay from seq 1 gives.
/// </summary>
public sealed class ChangeFeedResumeTests
{
    private const string Hocon = """
        conversation-actors.passivate-after = 1s
        conversation-actors.snapshot-every = 4
        conversation-actors.changes.history-size = 3
        """;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_resume_after_the_entity_was_passivated_gets_exactly_the_missed_changes_and_then_live_ones()
    {
        const string user = "resume-passivated";
        using var folder = new TempFolder();
        await using var host = await GatewayHost.StartAsync(folder.Database, Hocon);
        var metrics = host.Services.GetRequiredService<ChangeFeedMetrics>();
        var baseAddress = host.Api.Http.BaseAddress!;

        // A stream listens while the events are written: the entity records their changes (issue 27: only for listeners).
        await using (var listening = await SseClient.OpenAsync(baseAddress, user))
        {
            await WriteAsync(host.Api, user, 1, 11);
            await listening.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait);
        }

        var reference = await ReplayAsync(baseAddress, user, 11);

        // Within the entity's history (the last 3 events): served by the entity, no journal read.
        var fromJournal = metrics.JournalCatchUps;
        await using (var recent = await SseClient.OpenAsync(baseAddress, user, lastEventId: 9))
        {
            Assert.Equal(After(reference, 9), Lines(await recent.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait)));
        }

        Assert.Equal(fromJournal, metrics.JournalCatchUps);

        // Idle: the entity leaves memory, and its history with it.
        var regions = await ShardRegions.ResolveAsync(host.Services);
        await Waiting.UntilAsync(async () => !(await LiveEntitiesAsync(regions.Conversations)).Contains(user), "the entity is passivated");

        // Recovered from the snapshot after event 8 plus events 9-11: resumes at 6 and 9 are older than its history (the
        // journal is folded, from seq 1 and from that snapshot), one at 11 is where its history starts (the entity answers).
        await using var resumed = await SseClient.OpenAsync(baseAddress, user, lastEventId: 6);
        Assert.Equal(After(reference, 6), Lines(await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait)));
        await using (var fromSnapshot = await SseClient.OpenAsync(baseAddress, user, lastEventId: 9))
        {
            // Folded from the snapshot after event 8, not from seq 1: the same items.
            Assert.Equal(After(reference, 9), Lines(await fromSnapshot.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait)));
        }

        await using var atEnd = await SseClient.OpenAsync(baseAddress, user, lastEventId: 11);
        Assert.True(metrics.JournalCatchUps > fromJournal, "the resume older than the recovered entity's history read the journal");
        Assert.Contains(user, await LiveEntitiesAsync(regions.Conversations));

        // Both streams go on live, with no gap and nothing twice.
        await WriteAsync(host.Api, user, 12, 12);
        var next = Lines(await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 12, Wait));
        Assert.Equal(next, Lines(await atEnd.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 12, Wait)));
        Assert.Equal(After(await ReplayAsync(baseAddress, user, 12), 11), next);
    }

    [Fact]
    public async Task A_resume_after_the_node_restarted_on_the_same_file_gets_exactly_the_missed_changes_and_then_live_ones()
    {
        const string user = "resume-restarted";
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_SNAPSHOT_EVERY"] = "4",
            ["CONVERSATION_ACTORS_CHANGES_HISTORY_SIZE"] = "3",
        };
        List<string> reference;
        const long lastSeen = 6;
        await using (var first = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60), environment, folder.Path))
        {
            var baseAddress = new Uri(first.BaseUrl);
            using var api = new Api(new HttpClient { BaseAddress = baseAddress });
            await using var following = await SseClient.OpenAsync(baseAddress, user);
            Assert.Equal(0, (await following.NextAsync(Wait))!.Id);
            await WriteAsync(api, user, 1, 11);
            var seen = await following.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait);
            reference = await ReplayAsync(baseAddress, user, 11);
            Assert.Equal(reference, Lines(seen));
        }

        await using var second = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60), environment, folder.Path);
        var restarted = new Uri(second.BaseUrl);
        using var api2 = new Api(new HttpClient { BaseAddress = restarted });
        await using var resumed = await SseClient.OpenAsync(restarted, user, lastEventId: lastSeen);
        Assert.Equal(After(reference, lastSeen), Lines(await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 11, Wait)));

        await WriteAsync(api2, user, 12, 12);
        var live = Lines(await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == 12, Wait));
        Assert.NotEmpty(live);
        Assert.Equal(After(await ReplayAsync(restarted, user, 12), 11), live);
        Assert.Equal(reference, (await ReplayAsync(restarted, user, 12)).Where(line => !line.StartsWith("12 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_event_that_changes_more_conversations_than_a_message_carries_is_read_from_the_journal_with_the_same_items()
    {
        const string user = "oversized";
        const int size = 70;
        using var folder = new TempFolder();
        await using var host = await GatewayHost.StartAsync(folder.Database);
        var metrics = host.Services.GetRequiredService<ChangeFeedMetrics>();
        var baseAddress = host.Api.Http.BaseAddress!;
        var t = Messages.HourAgo;
        var ids = Enumerable.Range(1, size).Select(i => $"C2Cp{i}").ToArray();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            (await host.Api.AddMessageAsync(user, id, Messages.Body($"m{i}", user, t + i))).Ok();
        }

        var list = string.Join(",", ids.Select(id => $"\"{id}\""));
        (await host.Api.PostAsync(Paths.User(user) + "/conversationGroups", $$"""{"groupName":"Big","conversationIDList":[{{list}}]}""")).Ok();
        const long rename = size + 1 + size + 1;
        await using var feed = await SseClient.OpenAsync(baseAddress, user);
        Assert.Equal(rename - 1, (await feed.NextAsync(Wait))!.Id);
        var fromJournal = metrics.JournalCatchUps;

        (await host.Api.PutAsync(Paths.User(user) + "/conversationGroups/Big", """{"newName":"Huge"}""")).Ok();
        var renamed = await feed.ReadUntilAsync(e => e.Count == size, Wait);
        (await host.Api.AddMessageAsync(user, "C2Cp1", Messages.Body("after", "p1", t + 1000))).Ok();
        var after = await feed.ReadUntilAsync(e => e.Count > 0 && e[^1].Event == "totalUnreadChanged", Wait);

        Assert.All(renamed, e => Assert.Equal((rename, "conversationChanged"), (e.Id, e.Event)));
        Assert.All(renamed, e => Assert.Equal("Huge", e.Data.GetProperty("conversationGroupList")[0].GetString()));
        Assert.True(metrics.JournalCatchUps > fromJournal, "the oversized event was read from the journal");
        Assert.Equal([rename + 1, rename + 1], after.Select(e => e.Id));
        await using var replay = await SseClient.OpenAsync(baseAddress, user, lastEventId: rename - 1);
        Assert.Equal(Lines(renamed), Lines(await replay.ReadUntilAsync(e => e.Count == size, Wait)));
    }

    /// <summary>
    /// Writes events <paramref name="from"/>..<paramref name="to"/> (at most 12), one each: peers' messages (unread,
    /// totals), own messages, a read, a pin and an unpin. Events 11 and 12 cause one item each, so reading up to the
    /// first item of either reads all of it.
    /// </summary>
    private static async Task WriteAsync(Api api, string user, int from, int to)
    {
        var t = Messages.HourAgo;
        for (var i = from; i <= to; i++)
        {
            var answer = i switch
            {
                1 or 7 => await api.AddMessageAsync(user, "C2Cpeer1", Messages.Body($"m{i}", "peer1", t + i)),
                2 or 8 => await api.AddMessageAsync(user, "C2Cpeer2", Messages.Body($"m{i}", "peer2", t + i)),
                3 or 9 => await api.AddMessageAsync(user, "C2Cpeer0", Messages.Body($"m{i}", user, t + i)),
                4 => await api.PutAsync(Paths.Conversation(user, "C2Cpeer1") + "/pin", """{"isPinned":true}"""),
                5 => await api.AddMessageAsync(user, "C2Cother", Messages.Body($"m{i}", "other", t + i)),
                6 => await api.PostAsync(Paths.Conversation(user, "C2Cother") + "/read"),
                10 => await api.PutAsync(Paths.Conversation(user, "C2Cpeer1") + "/pin", """{"isPinned":false}"""),
                11 => await api.AddMessageAsync(user, "C2Cpeer2", Messages.Body($"m{i}", user, t + i)),
                _ => await api.PutAsync(Paths.Conversation(user, "C2Cpeer2") + "/pin", """{"isPinned":true}"""),
            };
            answer.Ok();
        }
    }

    /// <summary>The feed replayed from seq 1 up to <paramref name="last"/>: the reference every resume must match.</summary>
    private static async Task<List<string>> ReplayAsync(Uri baseAddress, string user, long last)
    {
        await using var replay = await SseClient.OpenAsync(baseAddress, user, query: "?fromSeq=1");
        return Lines(await replay.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == last, Wait));
    }

    private static List<string> Lines(IEnumerable<SseEvent> events) => events.Select(e => e.ToString()).ToList();

    private static List<string> After(List<string> lines, long seq) =>
        lines.Where(line => long.Parse(line[..line.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) > seq).ToList();

    private static async Task<IReadOnlySet<string>> LiveEntitiesAsync(IActorRef region)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.SelectMany(shard => shard.EntityIds).ToHashSet(StringComparer.Ordinal);
    }
}
