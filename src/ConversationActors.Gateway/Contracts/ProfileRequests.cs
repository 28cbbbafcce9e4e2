using System.Text.Json.Serialization;
using ConversationActors.Actors.Configuration;
using ConversationActors.Domain;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Gateway.Http;

namespace ConversationActors.Gateway.Contracts;

/// <summary>Body of <c>PUT /v1/profiles/users/{userID}</c>: the fields present merge (SPEC 3.4); null clears one.</summary>
public sealed record UserProfileRequest(string? Nickname = null, string? FaceUrl = null, string? SelfSignature = null) : IRequestBody<UserProfileRequest>
{
    /// <summary>The JSON names of the fields present in the body (at least one).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Present { get; init; } = [];

    public static UserProfileRequest Read(BodyFields body, NodeSettings settings) =>
        new(
            ProfileText.Read(body, "nickname", ConversationSettings.ProfileNameMaxChars),
            ProfileText.Read(body, "faceUrl", ConversationSettings.ProfileUrlMaxChars),
            ProfileText.Read(body, "selfSignature", ConversationSettings.ProfileTextMaxChars))
        {
            Present = ProfileText.Present(body, UserProfilePatch.Fields),
        };

    public UserProfilePatch ToPatch() => new(Present, Nickname, FaceUrl, SelfSignature);
}

/// <summary>Body of <c>PUT /v1/profiles/groups/{groupID}</c>: the fields present merge (SPEC 3.4); null clears one.</summary>
public sealed record GroupProfileRequest(
    string? Name = null,
    string? FaceUrl = null,
    GroupType? GroupType = null,
    string? Introduction = null,
    string? Notification = null,
    string? OwnerID = null,
    int? MemberCount = null)
    : IRequestBody<GroupProfileRequest>
{
    /// <summary>The JSON names of the fields present in the body (at least one).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Present { get; init; } = [];

    public static GroupProfileRequest Read(BodyFields body, NodeSettings settings)
    {
        var memberCount = body.OptionalInt32("memberCount");
        if (memberCount < 0)
        {
            throw RequestRefusedException.Invalid($"memberCount must be 0 or more, got {memberCount}");
        }

        var present = ProfileText.Present(body, GroupProfilePatch.Fields);
        return new(
            ProfileText.Read(body, "name", ConversationSettings.ProfileNameMaxChars),
            ProfileText.Read(body, "faceUrl", ConversationSettings.ProfileUrlMaxChars),
            body.OptionalEnum<GroupType>("groupType"),
            ProfileText.Read(body, "introduction", ConversationSettings.ProfileTextMaxChars),
            ProfileText.Read(body, "notification", ConversationSettings.ProfileTextMaxChars),
            body.OptionalId("ownerID"),
            memberCount)
        {
            Present = present,
        };
    }

    public GroupProfilePatch ToPatch() => new(Present, Name, FaceUrl, GroupType, Introduction, Notification, OwnerID, MemberCount);
}

/// <summary>The text fields of profile bodies and which fields a PUT names.</summary>
internal static class ProfileText
{
    public static string[] Present(BodyFields body, string[] fields)
    {
        var present = fields.Where(body.Has).ToArray();
        return present.Length > 0
            ? present
            : throw RequestRefusedException.Invalid($"the body names none of the profile fields ({string.Join(", ", fields)})");
    }

    public static string? Read(BodyFields body, string name, int max)
    {
        var text = body.OptionalString(name);
        return text is { Length: var length } && length > max
            ? throw RequestRefusedException.Invalid($"{name} must be at most {max} characters, got {length}")
            : text;
    }
}
