using System.Collections.Concurrent;
using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Profiles;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using Microsoft.Extensions.Caching.Memory;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The node-local profile cache behind list answers and change-feed frames (issue #14): at most
/// <c>profile-cache-size</c> profiles, each kept for <c>profile-cache-ttl</c> (0: none kept). The misses of one request
/// are read from the store in one round trip (<see cref="IProfileStore"/>), never by starting profile entities, and a
/// key some other request is already reading is awaited, not read again (single flight). An ID without a profile is
/// cached as its empty profile, so it renders as its ID. A profile that cannot be read in time renders as its ID rather
/// than failing the answer, and is not cached.
/// </summary>
public sealed class ProfileCache(IProfileStore store, NodeSettings settings, ILogger<ProfileCache> log) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = settings.ProfileCacheSize });
    private readonly ConcurrentDictionary<ProfileKey, Task<object?>> _inFlight = new();

    /// <summary>The profiles of the peers and groups of <paramref name="views"/>: from the cache, the rest in one store read.</summary>
    public Task<ProfileLookup> LoadAsync(IReadOnlyList<ConversationView> views, CancellationToken cancellationToken)
    {
        var found = new ProfileLookup(views.Count);
        List<(ProfileKey Key, int Index)>? missing = null;
        for (var i = 0; i < views.Count; i++)
        {
            Look(found, i, views[i].UserID, views[i].GroupID, ref missing);
        }

        return missing is null ? Task.FromResult(found) : ReadMissingAsync(missing, found, cancellationToken);
    }

    /// <summary>One group's profile through the same path (the groupType fallback of an incoming message).</summary>
    public async Task<GroupProfile?> GroupAsync(string groupID, CancellationToken cancellationToken)
    {
        var found = new ProfileLookup(1);
        List<(ProfileKey Key, int Index)>? missing = null;
        Look(found, 0, null, groupID, ref missing);
        if (missing is not null)
        {
            await ReadMissingAsync(missing, found, cancellationToken);
        }

        return found.GroupAt(0);
    }

    /// <summary>Replaces a cached profile after this node changed it, so its own answers are fresh at once.</summary>
    public void Put(UserProfile profile) => Store(ProfileKey.User(profile.UserID), profile);

    /// <inheritdoc cref="Put(UserProfile)"/>
    public void Put(GroupProfile profile) => Store(ProfileKey.Group(profile.GroupID), profile);

    /// <summary>Forgets every cached profile (the bench's cold list-all); later answers read them from the store again.</summary>
    public void Clear() => _cache.Clear();

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private void Look(ProfileLookup found, int index, string? user, string? group, ref List<(ProfileKey Key, int Index)>? missing)
    {
        if (user is not null)
        {
            // A user's cache key is the ID itself: no key string is built per lookup (a page looks up 100).
            if (_cache.TryGetValue(user, out var cached))
            {
                found.Set(index, ProfileKey.User(user), cached);
            }
            else
            {
                (missing ??= []).Add((ProfileKey.User(user), index));
            }
        }

        if (group is not null)
        {
            if (_cache.TryGetValue(ProfileKey.Group(group), out var cached))
            {
                found.Set(index, ProfileKey.Group(group), cached);
            }
            else
            {
                (missing ??= []).Add((ProfileKey.Group(group), index));
            }
        }
    }

    private async Task<ProfileLookup> ReadMissingAsync(List<(ProfileKey Key, int Index)> missing, ProfileLookup found, CancellationToken cancellationToken)
    {
        var mine = new Dictionary<ProfileKey, TaskCompletionSource<object?>>();
        var others = new Dictionary<ProfileKey, Task<object?>>();
        foreach (var (key, _) in missing)
        {
            if (mine.ContainsKey(key) || others.ContainsKey(key))
            {
                continue;
            }

            var read = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var inFlight = _inFlight.GetOrAdd(key, read.Task);
            if (inFlight == read.Task)
            {
                mine[key] = read;
            }
            else
            {
                others[key] = inFlight;
            }
        }

        var resolved = mine.Count > 0
            // Not the request's token: other requests may be waiting for this read.
            ? await ReadAsync(mine)
            : [];
        foreach (var (key, read) in others)
        {
            resolved[key] = await read.WaitAsync(cancellationToken);
        }

        foreach (var (key, index) in missing)
        {
            found.Set(index, key, resolved[key]);
        }

        return found;
    }

    private async Task<Dictionary<ProfileKey, object?>> ReadAsync(Dictionary<ProfileKey, TaskCompletionSource<object?>> keys)
    {
        var users = keys.Keys.Where(k => !k.IsGroup).Select(k => k.ID).ToArray();
        var groups = keys.Keys.Where(k => k.IsGroup).Select(k => k.ID).ToArray();
        ProfileBatch? batch = null;
        try
        {
            using var timeout = new CancellationTokenSource(settings.AskTimeout);
            batch = await store.ReadAsync(users, groups, timeout.Token);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "{Count} profiles unavailable; rendering without them", keys.Count);
        }

        var resolved = new Dictionary<ProfileKey, object?>(keys.Count);
        foreach (var (key, read) in keys)
        {
            object? profile = null;
            if (batch is not null)
            {
                profile = key.IsGroup
                    ? batch.Groups.GetValueOrDefault(key.ID) ?? GroupProfile.Empty(key.ID)
                    : batch.Users.GetValueOrDefault(key.ID) ?? UserProfile.Empty(key.ID);
                Store(key, profile);
            }

            resolved[key] = profile;
            _inFlight.TryRemove(new KeyValuePair<ProfileKey, Task<object?>>(key, read.Task));
            read.SetResult(profile);
        }

        return resolved;
    }

    private void Store(ProfileKey key, object profile)
    {
        if (settings.ProfileCacheTtl > TimeSpan.Zero)
        {
            _cache.Set(key.CacheKey, profile, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = settings.ProfileCacheTtl });
        }
    }
}

/// <summary>A user's or a group's profile, by ID (user and group IDs may be equal strings).</summary>
internal readonly record struct ProfileKey(bool IsGroup, string ID)
{
    public static ProfileKey User(string userID) => new(false, userID);

    public static ProfileKey Group(string groupID) => new(true, groupID);

    /// <summary>The key in the memory cache: a user's ID itself, a group's key boxed (never equal to a string).</summary>
    public object CacheKey => IsGroup ? this : ID;
}
