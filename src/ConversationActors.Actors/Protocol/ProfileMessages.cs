using System.Text.Json.Serialization;
using ConversationActors.Domain.Profiles;

namespace ConversationActors.Actors.Protocol;

public sealed record UpdateUserProfile(string UserID, UserProfilePatch Patch) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

public sealed record GetUserProfile(string UserID) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => UserID;
}

public sealed record UserProfileAnswer(UserProfile Profile) : IClusterMessage;

public sealed record UpdateGroupProfile(string GroupID, GroupProfilePatch Patch) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => GroupID;
}

public sealed record GetGroupProfile(string GroupID) : IEntityMessage
{
    [JsonIgnore]
    public string EntityID => GroupID;
}

public sealed record GroupProfileAnswer(GroupProfile Profile) : IClusterMessage;
