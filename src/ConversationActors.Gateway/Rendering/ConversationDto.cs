using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// One conversation on the wire (SPEC 3.2, then issue #10's markList, customData and conversationGroupList): the
/// entity's <see cref="View"/> joined with the profiles it is rendered with (<see cref="User"/> for a C2C peer,
/// <see cref="Group"/> for a group; null when unknown or unreadable). Its public properties, in declaration order, are the
/// wire fields and the OpenAPI schema; they are computed from the view as they are read, so nothing is copied field by
/// field. Answers write it with <see cref="ConversationJsonConverter"/> (<see cref="AnswerJson"/>), which writes exactly
/// what the serializer writes for these properties (tested), whether it stands alone or in a list.
/// </summary>
public sealed record ConversationDto([property: JsonIgnore] ConversationView View, [property: JsonIgnore] UserProfile? User, [property: JsonIgnore] GroupProfile? Group)
{
    /// <summary>The canonical ID: <c>C2C{userID}</c>, <c>GROUP{groupID}</c> or <c>@TIM#SYSTEM</c> (SPEC 3.1).</summary>
    public string ConversationID => View.ConversationID;

    /// <summary>C2C, GROUP or SYSTEM.</summary>
    public ConversationType Type => View.Type;

    /// <summary>The peer of a C2C conversation, else null.</summary>
    public string? UserID => View.UserID;

    /// <summary>The group of a GROUP conversation, else null.</summary>
    public string? GroupID => View.GroupID;

    /// <summary>The group's type from its messages, else from its profile (SPEC 3.4), else null.</summary>
    public GroupType? GroupType => GroupTypeRules.WithProfileFallback(View.GroupType, Group?.GroupType);

    /// <summary>SPEC 3.2: C2C remark, else nickname, else userID; GROUP name, else groupID; SYSTEM "System".</summary>
    public string ShowName => Domain.Profiles.ShowName.For(View.Type, View.UserID ?? View.GroupID, View.FriendRemark, ProfileName);

    /// <summary>The peer's or group's avatar URL from its profile, or null.</summary>
    public string? FaceUrl => View.Type switch
    {
        ConversationType.C2C => User?.FaceUrl,
        ConversationType.Group => Group?.FaceUrl,
        _ => null,
    };

    /// <summary>The newest message (timestamp in ms since the epoch), or null before any message or after clearHistory.</summary>
    public LastMessage? LastMessage => View.LastMessage;

    /// <summary>Unread incoming messages.</summary>
    public int UnreadCount => View.UnreadCount;

    /// <summary>The draft kept on the server, or null.</summary>
    public string? DraftText => View.DraftText;

    /// <summary>When the draft was set, ms since the epoch (server time), or null.</summary>
    public long? DraftTimestamp => View.DraftTimestamp;

    /// <summary>Pinned conversations come first in every list.</summary>
    public bool IsPinned => View.IsPinned;

    /// <summary>Unique and increasing per user with each activation; lists are ordered by it, descending, after the pinned.</summary>
    public long OrderKey => View.OrderKey;

    /// <summary>How messages are received.</summary>
    public RecvOpt RecvOpt => View.RecvOpt;

    /// <summary>Unread @-mentions of the owner or of everyone.</summary>
    public IReadOnlyList<GroupAtInfo> GroupAtInfoList => View.GroupAtInfoList;

    /// <summary>The set marks (1 STAR, 2 UNREAD, 4 FOLD, 8 HIDE, or 2^32..2^63), lowest first.</summary>
    public IReadOnlyList<ulong> MarkList => View.MarkList;

    /// <summary>The custom data (at most 256 bytes), or null.</summary>
    public string? CustomData => View.CustomData;

    /// <summary>The conversation groups (folders) holding it, in the order it joined them.</summary>
    public IReadOnlyList<string> ConversationGroupList => View.ConversationGroupList;

    private string? ProfileName => View.Type switch
    {
        ConversationType.C2C => User?.Nickname,
        ConversationType.Group => Group?.Name,
        _ => null,
    };
}

/// <summary>Writes a <see cref="ConversationDto"/> with <see cref="ConversationJson"/>. Write-only; registered by <see cref="AnswerJson"/>.</summary>
public sealed class ConversationJsonConverter : JsonConverter<ConversationDto>
{
    /// <summary>Always throws: requests never carry a whole conversation.</summary>
    public override ConversationDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a conversation is only written");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ConversationDto value, JsonSerializerOptions options) =>
        ConversationJson.Write(writer, value);
}
