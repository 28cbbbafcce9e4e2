using System.Text.Json.Serialization;
using ConversationActors.Client.Model;

namespace ConversationActors.Client.Requests;

/// <summary>
/// A merge into a user's profile (<c>PUT /v1/profiles/users/{userID}</c>): only non-null properties are sent and
/// change; an empty string falls back to the next name in line.
/// </summary>
public sealed record UserProfileUpdate
{
    /// <summary>Display name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Nickname { get; init; }

    /// <summary>Avatar URL.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FaceUrl { get; init; }

    /// <summary>Status line.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelfSignature { get; init; }
}

/// <summary>A merge into a group's profile (<c>PUT /v1/profiles/groups/{groupID}</c>): only non-null properties are sent and change.</summary>
public sealed record GroupProfileUpdate
{
    /// <summary>Group name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>Avatar URL.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FaceUrl { get; init; }

    /// <summary>Group type.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroupType? GroupType { get; init; }

    /// <summary>Introduction text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Introduction { get; init; }

    /// <summary>Notice text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notification { get; init; }

    /// <summary>The owner's userID.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerID { get; init; }

    /// <summary>Member count.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MemberCount { get; init; }
}
