using ConversationActors.Domain.Model;

namespace ConversationActors.Domain.Profiles;

/// <summary>A group's profile as the profile answer shows it (SPEC 4.1).</summary>
public sealed record GroupProfile(
    string GroupID,
    string? Name,
    string? FaceUrl,
    GroupType? GroupType,
    string? Introduction,
    string? Notification,
    string? OwnerID,
    int? MemberCount)
{
    public static GroupProfile Empty(string groupID) => new(groupID, null, null, null, null, null, null, null);
}

/// <summary>A PUT of a group profile: only the fields named in <see cref="Present"/> change.</summary>
public sealed record GroupProfilePatch(
    IReadOnlyList<string> Present,
    string? Name,
    string? FaceUrl,
    GroupType? GroupType,
    string? Introduction,
    string? Notification,
    string? OwnerID,
    int? MemberCount)
{
    public static readonly string[] Fields = ["name", "faceUrl", "groupType", "introduction", "notification", "ownerID", "memberCount"];

    public GroupProfile ApplyTo(GroupProfile p) => p with
    {
        Name = Present.Contains("name") ? Name : p.Name,
        FaceUrl = Present.Contains("faceUrl") ? FaceUrl : p.FaceUrl,
        GroupType = Present.Contains("groupType") ? GroupType : p.GroupType,
        Introduction = Present.Contains("introduction") ? Introduction : p.Introduction,
        Notification = Present.Contains("notification") ? Notification : p.Notification,
        OwnerID = Present.Contains("ownerID") ? OwnerID : p.OwnerID,
        MemberCount = Present.Contains("memberCount") ? MemberCount : p.MemberCount,
    };
}
