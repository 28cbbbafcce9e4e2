using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Domain.Profiles;
using ConversationActors.Gateway.Hosting;
using ConversationActors.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests.Profiles;

/// <summary>A short profile-cache-ttl, so a change made elsewhere must show within seconds.</summary>
public sealed class ShortProfileTtlFixture : GatewayFixture
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    protected override string ExtraHocon => $"conversation-actors.profile-cache-ttl = {Ttl.TotalSeconds}s";
}

/// <summary>Issue #14: list answers join profiles from the store, never by starting profile entities, and stay fresh within the TTL.</summary>
public sealed class ProfileJoinTests(ShortProfileTtlFixture fixture) : IClassFixture<ShortProfileTtlFixture>
{
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task Listing_peers_and_groups_that_never_had_a_profile_starts_no_profile_entity()
    {
        const string owner = "pj-lister";
        for (var i = 0; i < 5; i++)
        {
            (await _api.AddMessageAsync(owner, $"C2Cpj-nobody-{i}", Messages.Body($"c{i}", $"pj-nobody-{i}", Messages.HourAgo + i))).Ok();
            (await _api.AddMessageAsync(owner, $"GROUPpj-noclub-{i}", Messages.Body($"g{i}", "x", Messages.HourAgo + i))).Ok();
        }

        var all = (await _api.ListAsync(owner)).Ok().GetProperty("conversationList");
        (await _api.ListAsync(owner, "?count=3")).Ok();
        (await _api.GetAsync(Paths.Conversation(owner, "C2Cpj-nobody-1"))).Ok();

        Assert.Equal(10, all.GetArrayLength());
        Assert.All(all.EnumerateArray(), c => Assert.Equal((c.Str("userID") ?? c.Str("groupID"), null), (c.Str("showName"), c.Str("faceUrl"))));
        var regions = await ShardRegions.ResolveAsync(fixture.Host.Services);
        Assert.DoesNotContain(await EntityIdsAsync(regions.UserProfiles), id => id.StartsWith("pj-nobody", StringComparison.Ordinal));
        Assert.DoesNotContain(await EntityIdsAsync(regions.GroupProfiles), id => id.StartsWith("pj-noclub", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_profile_changed_through_another_node_reaches_list_answers_within_the_profile_cache_ttl()
    {
        const string owner = "pj-watcher";
        (await _api.AddMessageAsync(owner, "C2Cpj-renamed", Messages.Body("m1", "pj-renamed", Messages.HourAgo))).Ok();
        Assert.Equal("pj-renamed", await ShowNameAsync(owner));

        // Straight to the entity, as a PUT on another node would: this node's cache still holds the empty profile.
        var regions = await ShardRegions.ResolveAsync(fixture.Host.Services);
        await regions.UserProfiles.Ask<UserProfileAnswer>(
            new UpdateUserProfile("pj-renamed", new UserProfilePatch(["nickname"], "Renamed", null, null)), TimeSpan.FromSeconds(10));
        var changed = Stopwatch.StartNew();
        while (await ShowNameAsync(owner) != "Renamed")
        {
            Assert.True(changed.Elapsed < ShortProfileTtlFixture.Ttl + TimeSpan.FromSeconds(3), "the new nickname did not show within the TTL");
            await Task.Delay(100);
        }

        Assert.True(changed.Elapsed < ShortProfileTtlFixture.Ttl + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task After_a_restart_list_answers_show_stored_profiles_read_from_the_store_without_starting_their_entities()
    {
        using var folder = new TempFolder();
        await using (var first = await GatewayHost.StartAsync(folder.Database))
        {
            (await first.Api.PutAsync(Paths.UserProfile("pj-stored"), """{"nickname":"Stored","faceUrl":"https://img/s.png"}""")).Ok();
            (await first.Api.PutAsync(Paths.GroupProfile("pj-stored-club"), """{"name":"Club","groupType":"Public"}""")).Ok();
            (await first.Api.AddMessageAsync("pj-restarter", "C2Cpj-stored", Messages.Body("m1", "pj-stored", Messages.HourAgo))).Ok();
            (await first.Api.AddMessageAsync("pj-restarter", "GROUPpj-stored-club", Messages.Body("m2", "x", Messages.HourAgo + 1))).Ok();
        }

        await using var second = await GatewayHost.StartAsync(folder.Database);
        var list = (await second.Api.ListAsync("pj-restarter")).Ok().GetProperty("conversationList").EnumerateArray().ToArray();

        Assert.Equal(("Club", "Public"), (list[0].Str("showName"), list[0].Str("groupType")));
        Assert.Equal(("Stored", "https://img/s.png"), (list[1].Str("showName"), list[1].Str("faceUrl")));
        var regions = await ShardRegions.ResolveAsync(second.Services);
        Assert.DoesNotContain("pj-stored", await EntityIdsAsync(regions.UserProfiles));
        Assert.DoesNotContain("pj-stored-club", await EntityIdsAsync(regions.GroupProfiles));
    }

    private async Task<string?> ShowNameAsync(string owner) =>
        (await _api.ListAsync(owner)).Ok().GetProperty("conversationList")[0].Str("showName");

    private static async Task<IReadOnlyList<string>> EntityIdsAsync(IActorRef region)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.SelectMany(s => s.EntityIds).ToArray();
    }
}
