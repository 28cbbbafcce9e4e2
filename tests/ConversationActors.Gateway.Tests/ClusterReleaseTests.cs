using System.Text.Json;
using System.Text.RegularExpressions;
using ConversationActors.Gateway.Apis;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Gateway.Tests;

/// <summary>
/// Issue 31, what an operator sees: two real gateway processes in one cluster, the second announcing an older release
/// (CONVERSATION_ACTORS_APP_VERSION, as the previous release's build does). Alone, the first node counts one member Up
/// at the gateway's own release and none unreachable; with the second, its GET /v1/admin/cluster
/// names each member's release and its /metrics count the members by release and status; when the second dies
/// (SIGKILL) it is counted unreachable until the split brain resolver decides (stable-after is long here, so it stays).
/// Each node keeps its own SQLite file: the test is about membership, not data. Real processes, not in-process hosts:
/// the OpenTelemetry exporter of an in-process host also reads the same-named meters of other test classes' hosts in
/// the test process (and their entry assembly is the test host, whose version is not the gateway's).
/// </summary>
public sealed partial class ClusterReleaseTests
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    /// <summary>The gateway's &lt;Version&gt;: the release a node announces unless told otherwise.</summary>
    private static readonly string ThisRelease = typeof(AdminApi).Assembly.GetName().Version!.ToString(3);

    [Fact]
    public async Task Each_members_release_shows_in_the_cluster_status_and_the_metrics_and_a_dead_member_counts_as_unreachable()
    {
        const string older = "1.0.0";
        Assert.NotEqual(older, ThisRelease);
        var settings = new Dictionary<string, string>
        {
            ["CONVERSATION_ACTORS_SBR_STABLE_AFTER"] = "5m",
            ["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0",
        };
        await using var first = await SqliteGatewayProcess.StartAsync(ReadyWithin, settings);
        using var api = new Api(new HttpClient { BaseAddress = first.BaseAddress });
        var alone = (await api.GetAsync("/v1/admin/cluster")).Ok();
        var firstAddress = alone.GetProperty("self").GetString()!;
        Assert.Equal(ThisRelease, Assert.Single(alone.GetProperty("members").EnumerateArray()).GetProperty("appVersion").GetString());
        var aloneText = await ScrapeAsync(api);
        var only = Assert.Single(MembersRegex().Matches(aloneText));
        Assert.Contains($"app_version=\"{ThisRelease}\"", only.Groups[1].Value);
        Assert.Contains("status=\"Up\"", only.Groups[1].Value);
        Assert.Equal("1", only.Groups[2].Value);
        Assert.Equal(0, Unreachable(aloneText));

        await using var second = await SqliteGatewayProcess.StartAsync(ReadyWithin, new Dictionary<string, string>(settings)
        {
            ["CONVERSATION_ACTORS_SEED_NODES"] = firstAddress,
            ["CONVERSATION_ACTORS_APP_VERSION"] = older,
        });
        await Waiting.UntilAsync(async () => UpMembers(await ScrapeAsync(api)) == 2, "the first node sees two members Up");

        var cluster = (await api.GetAsync("/v1/admin/cluster")).Ok();
        var members = cluster.GetProperty("members").EnumerateArray().ToArray();
        Assert.Equal(2, members.Length);
        Assert.Equal(ThisRelease, Member(members, firstAddress).GetProperty("appVersion").GetString());
        var secondMember = Assert.Single(members, m => m.GetProperty("address").GetString() != firstAddress);
        Assert.Equal(older, secondMember.GetProperty("appVersion").GetString());
        var text = await ScrapeAsync(api);
        Assert.Equal(1, Members(text, ThisRelease, "Up"));
        Assert.Equal(1, Members(text, older, "Up"));
        Assert.Equal(0, Unreachable(text));

        await second.KillAsync();
        await Waiting.UntilAsync(async () => Unreachable(await ScrapeAsync(api)) == 1, "the first node counts the killed one unreachable");

        var after = (await api.GetAsync("/v1/admin/cluster")).Ok().GetProperty("members").EnumerateArray().ToArray();
        var dead = Member(after, secondMember.GetProperty("address").GetString()!);
        Assert.False(dead.GetProperty("reachable").GetBoolean());
        Assert.Equal(older, dead.GetProperty("appVersion").GetString());
        Assert.True(Member(after, firstAddress).GetProperty("reachable").GetBoolean());
        // Its membership stays (only the resolver downs it): it is still counted by its release.
        Assert.Equal(1, Members(await ScrapeAsync(api), older, "Up"));

        // A node that cannot reach a member cannot leave gracefully in time: end it like the other.
        await first.KillAsync();
    }

    private static JsonElement Member(IEnumerable<JsonElement> members, string address) =>
        Assert.Single(members, m => m.GetProperty("address").GetString() == address);

    private static async Task<string> ScrapeAsync(Api api)
    {
        using var response = await api.Http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The value of <c>conversation_actors_cluster_members{app_version, status}</c>; 0 when the series is absent.</summary>
    private static int Members(string scrape, string release, string status) =>
        MembersRegex().Matches(scrape)
            .Where(m => m.Groups[1].Value.Contains($"app_version=\"{release}\"", StringComparison.Ordinal)
                && m.Groups[1].Value.Contains($"status=\"{status}\"", StringComparison.Ordinal))
            .Sum(m => int.Parse(m.Groups[2].Value));

    private static int UpMembers(string scrape) =>
        MembersRegex().Matches(scrape).Where(m => m.Groups[1].Value.Contains("status=\"Up\"", StringComparison.Ordinal)).Sum(m => int.Parse(m.Groups[2].Value));

    private static int Unreachable(string scrape) => int.Parse(UnreachableRegex().Match(scrape).Groups[1].Value);

    [GeneratedRegex(@"(?m)^conversation_actors_cluster_members\{([^}]*)\} (\d+)$")]
    private static partial Regex MembersRegex();

    [GeneratedRegex(@"(?m)^conversation_actors_cluster_unreachable_members(?:\{[^}]*\})? (\d+)$")]
    private static partial Regex UnreachableRegex();
}
