using ConversationActors.Domain.Profiles;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The profiles one answer renders with, as <see cref="ProfileCache.LoadAsync"/> found them, by the position of each
/// conversation in the answer (no per-answer dictionary: a page looks up 100): a peer or group without a profile has
/// its empty profile; one that could not be read has none (null).
/// </summary>
public sealed class ProfileLookup
{
    private readonly string?[] _userIDs;
    private readonly UserProfile?[] _users;
    private readonly string?[] _groupIDs;
    private readonly GroupProfile?[] _groups;

    internal ProfileLookup(int count)
    {
        _userIDs = new string?[count];
        _users = new UserProfile?[count];
        _groupIDs = new string?[count];
        _groups = new GroupProfile?[count];
    }

    /// <summary>The profile of the C2C peer of the conversation at <paramref name="index"/>, or null (none, or unreadable).</summary>
    public UserProfile? UserAt(int index) => _users[index];

    /// <summary>The profile of the group of the conversation at <paramref name="index"/>, or null (none, or unreadable).</summary>
    public GroupProfile? GroupAt(int index) => _groups[index];

    /// <summary>The profile of C2C peer <paramref name="userID"/> (a linear search: for a few, such as tests), or null.</summary>
    public UserProfile? User(string? userID) => userID is null ? null : _users.ElementAtOrDefault(Array.IndexOf(_userIDs, userID));

    /// <summary>The profile of group <paramref name="groupID"/> (a linear search), or null.</summary>
    public GroupProfile? Group(string? groupID) => groupID is null ? null : _groups.ElementAtOrDefault(Array.IndexOf(_groupIDs, groupID));

    /// <summary>Records what <paramref name="key"/> resolved to for the conversation at <paramref name="index"/> (null: unreadable).</summary>
    internal void Set(int index, ProfileKey key, object? profile)
    {
        if (key.IsGroup)
        {
            _groupIDs[index] = key.ID;
            _groups[index] = profile as GroupProfile;
        }
        else
        {
            _userIDs[index] = key.ID;
            _users[index] = profile as UserProfile;
        }
    }
}
