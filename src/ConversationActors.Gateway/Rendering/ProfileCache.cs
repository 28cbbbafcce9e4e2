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
    internal const string UserKey = "u:";
    internal const string GroupKey = "g:";
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = settings.ProfileCacheSize });
    private readonly ConcurrentDictionary<string, Task<object?>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The profiles of the peers and groups of <paramref name="views"/>: from the cache, the rest in one store read.</summary>
    public Task<ProfileLookup> LoadAsync(IReadOnlyList<ConversationView> views, CancellationToken cancellationToken) =>
        LoadAsync(views.Select(v => (v.UserID, v.GroupID)), views.Count, cancellationToken);

    /// <summary>One group's profile through the same path (the groupType fallback of an incoming message).</summary>
    public async Task<GroupProfile?> GroupAsync(string groupID, CancellationToken cancellationToken) =>
        (await LoadAsync([(null, groupID)], 1, cancellationToken)).Group(groupID);

    /// <summary>Replaces a cached profile after this node changed it, so its own answers are fresh at once.</summary>
    public void Put(UserProfile profile) => Store(UserKey + profile.UserID, profile);

    /// <inheritdoc cref="Put(UserProfile)"/>
    public void Put(GroupProfile profile) => Store(GroupKey + profile.GroupID, profile);

    /// <summary>Forgets every cached profile (the bench's cold list-all); later answers read them from the store again.</summary>
    public void Clear() => _cache.Clear();

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private async Task<ProfileLookup> LoadAsync(IEnumerable<(string? UserID, string? GroupID)> ids, int count, CancellationToken cancellationToken)
    {
        var found = new ProfileLookup(count);
        List<string>? missing = null;
        foreach (var (user, group) in ids)
        {
            if (user is not null && !found.Users.ContainsKey(user))
            {
                found.Users[user] = Cached<UserProfile>(UserKey + user, ref missing);
            }

            if (group is not null && !found.Groups.ContainsKey(group))
            {
                found.Groups[group] = Cached<GroupProfile>(GroupKey + group, ref missing);
            }
        }

        if (missing is not null)
        {
            await ReadMissingAsync(missing, found, cancellationToken);
        }

        return found;
    }

    private T? Cached<T>(string key, ref List<string>? missing)
        where T : class
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return (T?)cached;
        }

        (missing ??= []).Add(key);
        return null;
    }

    private async Task ReadMissingAsync(List<string> missing, ProfileLookup found, CancellationToken cancellationToken)
    {
        var mine = new Dictionary<string, TaskCompletionSource<object?>>(StringComparer.Ordinal);
        var others = new List<(string Key, Task<object?> Read)>();
        foreach (var key in missing)
        {
            var read = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var inFlight = _inFlight.GetOrAdd(key, read.Task);
            if (inFlight == read.Task)
            {
                mine[key] = read;
            }
            else
            {
                others.Add((key, inFlight));
            }
        }

        if (mine.Count > 0)
        {
            // Not the request's token: other requests may be waiting for this read.
            await ReadAsync(mine, found);
        }

        foreach (var (key, read) in others)
        {
            found.Add(key, await read.WaitAsync(cancellationToken));
        }
    }

    private async Task ReadAsync(Dictionary<string, TaskCompletionSource<object?>> keys, ProfileLookup found)
    {
        var users = keys.Keys.Where(k => k.StartsWith(UserKey, StringComparison.Ordinal)).Select(k => k[UserKey.Length..]).ToArray();
        var groups = keys.Keys.Where(k => k.StartsWith(GroupKey, StringComparison.Ordinal)).Select(k => k[GroupKey.Length..]).ToArray();
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

        foreach (var (key, read) in keys)
        {
            object? profile = null;
            if (batch is not null)
            {
                var id = key[UserKey.Length..];
                profile = key.StartsWith(UserKey, StringComparison.Ordinal)
                    ? batch.Users.GetValueOrDefault(id) ?? UserProfile.Empty(id)
                    : batch.Groups.GetValueOrDefault(id) ?? GroupProfile.Empty(id);
                Store(key, profile);
            }

            found.Add(key, profile);
            _inFlight.TryRemove(new KeyValuePair<string, Task<object?>>(key, read.Task));
            read.SetResult(profile);
        }
    }

    private void Store(string key, object profile)
    {
        if (settings.ProfileCacheTtl > TimeSpan.Zero)
        {
            _cache.Set(key, profile, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = settings.ProfileCacheTtl });
        }
    }
}
