using ConversationActors.Actors.Configuration;
using ConversationActors.Actors.Services;
using ConversationActors.Domain.Profiles;
using Microsoft.Extensions.Caching.Memory;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The node-local profile cache behind list answers: at most <c>profile-cache-size</c> profiles, each
/// kept for <c>profile-cache-ttl</c>. A profile that cannot be read in time renders as its ID rather
/// than failing the list.
/// </summary>
public sealed class ProfileCache(IConversationService service, NodeSettings settings, ILogger<ProfileCache> log) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = settings.ProfileCacheSize });

    public Task<UserProfile?> UserAsync(string userID, CancellationToken cancellationToken) =>
        GetAsync("u:" + userID, ct => service.GetUserProfileAsync(userID, ct), cancellationToken);

    public Task<GroupProfile?> GroupAsync(string groupID, CancellationToken cancellationToken) =>
        GetAsync("g:" + groupID, ct => service.GetGroupProfileAsync(groupID, ct), cancellationToken);

    /// <summary>Replaces a cached profile after this node changed it, so its own answers are fresh at once.</summary>
    public void Put(UserProfile profile) => Store("u:" + profile.UserID, profile);

    public void Put(GroupProfile profile) => Store("g:" + profile.GroupID, profile);

    public void Dispose() => _cache.Dispose();

    private async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<ServiceResult<T>>> load, CancellationToken cancellationToken)
        where T : class
    {
        if (_cache.TryGetValue(key, out T? cached))
        {
            return cached;
        }

        var result = await load(cancellationToken);
        if (!result.IsOk)
        {
            log.LogWarning("Profile {Key} unavailable ({Code}); rendering without it", key, result.Error.Code);
            return null;
        }

        Store(key, result.Value);
        return result.Value;
    }

    private void Store<T>(string key, T profile) =>
        _cache.Set(key, profile, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = settings.ProfileCacheTtl });
}
