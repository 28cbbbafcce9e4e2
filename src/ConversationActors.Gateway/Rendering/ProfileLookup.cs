using ConversationActors.Domain.Profiles;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The profiles one answer renders with, as <see cref="ProfileCache.LoadAsync"/> found them, by user ID and group ID: a
/// peer or group without a profile has its empty profile; one that could not be read has none (null).
/// </summary>
public sealed class ProfileLookup
{
    internal ProfileLookup(int capacity)
    {
        Users = new Dictionary<string, UserProfile?>(capacity, StringComparer.Ordinal);
        Groups = new Dictionary<string, GroupProfile?>(StringComparer.Ordinal);
    }

    internal Dictionary<string, UserProfile?> Users { get; }

    internal Dictionary<string, GroupProfile?> Groups { get; }

    /// <summary>The profile of C2C peer <paramref name="userID"/>, or null (no ID, or unreadable).</summary>
    public UserProfile? User(string? userID) => userID is null ? null : Users.GetValueOrDefault(userID);

    /// <summary>The profile of group <paramref name="groupID"/>, or null (no ID, or unreadable).</summary>
    public GroupProfile? Group(string? groupID) => groupID is null ? null : Groups.GetValueOrDefault(groupID);

    /// <summary>Records what the cache key <paramref name="key"/> (<c>u:</c>/<c>g:</c> + ID) resolved to.</summary>
    internal void Add(string key, object? profile)
    {
        if (key.StartsWith(ProfileCache.UserKey, StringComparison.Ordinal))
        {
            Users[key[ProfileCache.UserKey.Length..]] = profile as UserProfile;
        }
        else
        {
            Groups[key[ProfileCache.GroupKey.Length..]] = profile as GroupProfile;
        }
    }
}
