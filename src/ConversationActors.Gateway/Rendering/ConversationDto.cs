using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// One conversation on the wire: the entity's <see cref="ConversationView"/> with the profiles it is rendered with
/// (<paramref name="User"/> for a C2C peer, <paramref name="Group"/> for a group; null when unknown or unreadable).
/// Written by <see cref="ConversationJsonConverter"/>; lists skip this wrapper and write views directly
/// (<see cref="ConversationListResult"/>).
/// </summary>
[JsonConverter(typeof(ConversationJsonConverter))]
public sealed record ConversationDto(ConversationView View, UserProfile? User, GroupProfile? Group);

/// <summary>Writes a <see cref="ConversationDto"/> with <see cref="ConversationJson"/>. Write-only.</summary>
public sealed class ConversationJsonConverter : JsonConverter<ConversationDto>
{
    /// <summary>Always throws: requests never carry a whole conversation.</summary>
    public override ConversationDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a conversation is only written");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ConversationDto value, JsonSerializerOptions options) =>
        ConversationJson.Write(writer, value.View, value.User, value.Group, options);
}

/// <summary>
/// The conversation JSON of SPEC 3.2 in camelCase and SPEC order, then issue #10's markList (set marks, lowest
/// first), customData and conversationGroupList: the one place that lists the wire fields and their order. It joins
/// the view with its profiles as it writes (showName, faceUrl and the groupType fallback, SPEC 3.2/3.4), so nothing is
/// copied field by field.
/// </summary>
public static class ConversationJson
{
    /// <summary>Writes <paramref name="v"/> as one JSON object, joined with <paramref name="user"/> or <paramref name="group"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ConversationView v, UserProfile? user, GroupProfile? group, JsonSerializerOptions options)
    {
        var (profileName, faceUrl) = v.Type switch
        {
            ConversationType.C2C => (user?.Nickname, user?.FaceUrl),
            ConversationType.Group => (group?.Name, group?.FaceUrl),
            _ => ((string?)null, (string?)null),
        };
        var groupType = GroupTypeRules.WithProfileFallback(v.GroupType, group?.GroupType);
        writer.WriteStartObject();
        writer.WriteString("conversationID", v.ConversationID);
        writer.WriteString("type", WireNames<ConversationType>.Name(v.Type));
        writer.WriteString("userID", v.UserID);
        writer.WriteString("groupID", v.GroupID);
        writer.WriteString("groupType", groupType is { } known ? WireNames<GroupType>.Name(known) : null);
        writer.WriteString("showName", ShowName.For(v.Type, v.UserID ?? v.GroupID, v.FriendRemark, profileName));
        writer.WriteString("faceUrl", faceUrl);
        writer.WritePropertyName("lastMessage");
        JsonSerializer.Serialize(writer, v.LastMessage, (JsonTypeInfo<LastMessage?>)options.GetTypeInfo(typeof(LastMessage)));
        writer.WriteNumber("unreadCount", v.UnreadCount);
        writer.WriteString("draftText", v.DraftText);
        WriteNullable(writer, "draftTimestamp", v.DraftTimestamp);
        writer.WriteBoolean("isPinned", v.IsPinned);
        writer.WriteNumber("orderKey", v.OrderKey);
        writer.WriteString("recvOpt", WireNames<RecvOpt>.Name(v.RecvOpt));
        writer.WriteStartArray("groupAtInfoList");
        foreach (var at in v.GroupAtInfoList)
        {
            writer.WriteStartObject();
            writer.WriteString("msgID", at.MsgID);
            writer.WriteString("atType", WireNames<AtType>.Name(at.AtType));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("markList");
        foreach (var mark in v.MarkList)
        {
            writer.WriteNumberValue(mark);
        }

        writer.WriteEndArray();
        writer.WriteString("customData", v.CustomData);
        writer.WriteStartArray("conversationGroupList");
        foreach (var groupName in v.ConversationGroupList)
        {
            writer.WriteStringValue(groupName);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
