using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// A conversation on the wire: the entity's <see cref="ConversationView"/> joined with what profiles decide
/// (showName, faceUrl and the groupType fallback, SPEC 3.2/3.4). Written by <see cref="ConversationJsonConverter"/>,
/// the one place that lists the wire fields and their order; nothing is copied field by field.
/// </summary>
[JsonConverter(typeof(ConversationJsonConverter))]
public sealed record ConversationDto(ConversationView View, GroupType? GroupType, string ShowName, string? FaceUrl);

/// <summary>
/// The conversation JSON of SPEC 3.2 in camelCase and SPEC order, then issue #10's markList (set marks, lowest
/// first), customData and conversationGroupList. Write-only: requests never carry a whole conversation.
/// </summary>
public sealed class ConversationJsonConverter : JsonConverter<ConversationDto>
{
    public override ConversationDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a conversation is only written");

    public override void Write(Utf8JsonWriter writer, ConversationDto value, JsonSerializerOptions options)
    {
        var v = value.View;
        writer.WriteStartObject();
        writer.WriteString("conversationID", v.ConversationID);
        writer.WriteString("type", WireNames<Domain.Ids.ConversationType>.Name(v.Type));
        writer.WriteString("userID", v.UserID);
        writer.WriteString("groupID", v.GroupID);
        writer.WriteString("groupType", value.GroupType is { } groupType ? WireNames<GroupType>.Name(groupType) : null);
        writer.WriteString("showName", value.ShowName);
        writer.WriteString("faceUrl", value.FaceUrl);
        writer.WritePropertyName("lastMessage");
        JsonSerializer.Serialize(writer, v.LastMessage, options);
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
        foreach (var group in v.ConversationGroupList)
        {
            writer.WriteStringValue(group);
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
