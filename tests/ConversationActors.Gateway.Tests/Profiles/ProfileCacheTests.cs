using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Profiles;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using ConversationActors.Gateway.Rendering;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConversationActors.Gateway.Tests.Profiles;

/// <summary>Issue #14: the profile cache reads each request's misses in one store round trip, and a key in flight once.</summary>
public sealed class ProfileCacheTests
{
    private static readonly NodeSettings Settings = NodeSettings.From(
        AkkaConfigLoader.Load(Path.Combine(AppContext.BaseDirectory, "config")), TimeProvider.System);

    [Fact]
    public async Task Concurrent_misses_of_the_same_profiles_are_read_from_the_store_once()
    {
        var store = new GatedStore();
        using var cache = new ProfileCache(store, Settings, NullLogger<ProfileCache>.Instance);
        var views = Enumerable.Range(0, 30).Select(i => C2C($"sf-peer-{i % 10}")).Append(Group("sf-club")).ToArray();

        // Each call registers its misses before its first await, so all 20 are in flight together.
        var loads = Enumerable.Range(0, 20).Select(_ => cache.LoadAsync(views, CancellationToken.None)).ToArray();
        store.Release();
        var found = await Task.WhenAll(loads);
        var again = await cache.LoadAsync(views, CancellationToken.None);

        Assert.Equal(1, store.Reads);
        Assert.Equal(10, store.UsersAsked.Count);
        Assert.Equal(["sf-club"], store.GroupsAsked);
        Assert.All(found.Append(again), lookup =>
        {
            Assert.Equal("Nick sf-peer-3", lookup.User("sf-peer-3")?.Nickname);
            Assert.Null(lookup.User("sf-peer-4")?.Nickname);
            Assert.Equal("sf-peer-4", lookup.User("sf-peer-4")?.UserID);
            Assert.Equal(GroupType.Public, lookup.Group("sf-club")?.GroupType);
        });
    }

    [Fact]
    public async Task A_request_reads_only_its_misses_that_no_other_request_is_reading()
    {
        var store = new GatedStore();
        using var cache = new ProfileCache(store, Settings, NullLogger<ProfileCache>.Instance);

        var first = cache.LoadAsync([C2C("sf-a"), C2C("sf-b")], CancellationToken.None);
        var second = cache.LoadAsync([C2C("sf-b"), C2C("sf-c")], CancellationToken.None);
        store.Release();
        await Task.WhenAll(first, second);

        Assert.Equal(2, store.Reads);
        Assert.Equal(["sf-a", "sf-b", "sf-c"], store.UsersAsked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_store_renders_without_profiles_and_caches_nothing()
    {
        var store = new GatedStore { Fails = true };
        using var cache = new ProfileCache(store, Settings, NullLogger<ProfileCache>.Instance);
        store.Release();

        var failed = await cache.LoadAsync([C2C("sf-down")], CancellationToken.None);
        store.Fails = false;
        var later = await cache.LoadAsync([C2C("sf-down")], CancellationToken.None);

        Assert.Null(failed.User("sf-down"));
        Assert.Equal("sf-down", later.User("sf-down")?.UserID);
        Assert.Equal(2, store.Reads);
    }

    private static ConversationView C2C(string peer) => View(ConversationId.C2C(peer), peer, null);

    private static ConversationView Group(string groupID) => View(ConversationId.Group(groupID), null, groupID);

    private static ConversationView View(ConversationId id, string? userID, string? groupID) =>
        new(id.Value, id.Type, userID, groupID, null, null, 0, null, null, false, 1, RecvOpt.Receive, [], null, [], null, []);

    /// <summary>A store that holds every read until released; peers whose ID ends in an odd digit have a nickname, the club a profile.</summary>
    private sealed class GatedStore : IProfileStore
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads { get; private set; }

        public List<string> UsersAsked { get; } = [];

        public List<string> GroupsAsked { get; } = [];

        public bool Fails { get; set; }

        public void Release() => _released.TrySetResult();

        public async Task<ProfileBatch> ReadAsync(IReadOnlyCollection<string> userIDs, IReadOnlyCollection<string> groupIDs, CancellationToken cancellationToken)
        {
            Reads++;
            UsersAsked.AddRange(userIDs);
            GroupsAsked.AddRange(groupIDs);
            await _released.Task;
            if (Fails)
            {
                throw new InvalidOperationException("store down");
            }

            return new ProfileBatch(
                userIDs.Where(id => char.IsDigit(id[^1]) && (id[^1] - '0') % 2 == 1).ToDictionary(id => id, id => new UserProfile(id, "Nick " + id, null, null)),
                groupIDs.ToDictionary(id => id, id => GroupProfile.Empty(id) with { GroupType = GroupType.Public }));
        }
    }
}
