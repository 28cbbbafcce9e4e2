using System.Text.Json;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The conversation JSON of <see cref="ConversationDto"/> written by hand, field by field in the record's order (the
/// record decides the fields and their values, showName, faceUrl and the groupType fallback included). Property names and enum values are encoded once (<see cref="JsonEncodedText"/>), not per
/// write: a page of 100 writes about 2,000 of them (issue #14). The bytes equal what the serializer writes for the same
/// fields with the gateway's options (tested against it).
/// </summary>
public static class ConversationJson
{
    private static readonly JsonEncodedText ConversationID = JsonEncodedText.Encode("conversationID");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText UserID = JsonEncodedText.Encode("userID");
    private static readonly JsonEncodedText GroupID = JsonEncodedText.Encode("groupID");
    private static readonly JsonEncodedText GroupTypeName = JsonEncodedText.Encode("groupType");
    private static readonly JsonEncodedText ShowNameName = JsonEncodedText.Encode("showName");
    private static readonly JsonEncodedText FaceUrl = JsonEncodedText.Encode("faceUrl");
    private static readonly JsonEncodedText LastMessageName = JsonEncodedText.Encode("lastMessage");
    private static readonly JsonEncodedText UnreadCount = JsonEncodedText.Encode("unreadCount");
    private static readonly JsonEncodedText DraftText = JsonEncodedText.Encode("draftText");
    private static readonly JsonEncodedText DraftTimestamp = JsonEncodedText.Encode("draftTimestamp");
    private static readonly JsonEncodedText IsPinned = JsonEncodedText.Encode("isPinned");
    private static readonly JsonEncodedText OrderKey = JsonEncodedText.Encode("orderKey");
    private static readonly JsonEncodedText RecvOptName = JsonEncodedText.Encode("recvOpt");
    private static readonly JsonEncodedText GroupAtInfoList = JsonEncodedText.Encode("groupAtInfoList");
    private static readonly JsonEncodedText MsgID = JsonEncodedText.Encode("msgID");
    private static readonly JsonEncodedText AtTypeName = JsonEncodedText.Encode("atType");
    private static readonly JsonEncodedText MarkList = JsonEncodedText.Encode("markList");
    private static readonly JsonEncodedText CustomData = JsonEncodedText.Encode("customData");
    private static readonly JsonEncodedText ConversationGroupList = JsonEncodedText.Encode("conversationGroupList");
    private static readonly JsonEncodedText SenderID = JsonEncodedText.Encode("senderID");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText ElemTypeName = JsonEncodedText.Encode("elemType");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText IsSelf = JsonEncodedText.Encode("isSelf");
    private static readonly JsonEncodedText IsRevoked = JsonEncodedText.Encode("isRevoked");

    /// <summary>Writes <paramref name="v"/> as one JSON object, joined with <paramref name="user"/> or <paramref name="group"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ConversationView v, UserProfile? user, GroupProfile? group) =>
        Write(writer, new ConversationDto(v, user, group));

    /// <summary>Writes <paramref name="v"/> as one JSON object.</summary>
    /// <remarks>Values are escaped by the writer's own encoder (the caller gives it the gateway's).</remarks>
    public static void Write(Utf8JsonWriter writer, ConversationDto v)
    {
        writer.WriteStartObject();
        writer.WriteString(ConversationID, v.ConversationID);
        writer.WriteString(Type, WireText<ConversationType>.Of(v.Type));
        writer.WriteString(UserID, v.UserID);
        writer.WriteString(GroupID, v.GroupID);
        if (v.GroupType is { } known)
        {
            writer.WriteString(GroupTypeName, WireText<GroupType>.Of(known));
        }
        else
        {
            writer.WriteNull(GroupTypeName);
        }

        writer.WriteString(ShowNameName, v.ShowName);
        writer.WriteString(FaceUrl, v.FaceUrl);
        WriteLastMessage(writer, v.LastMessage);
        writer.WriteNumber(UnreadCount, v.UnreadCount);
        writer.WriteString(DraftText, v.DraftText);
        WriteNullable(writer, DraftTimestamp, v.DraftTimestamp);
        writer.WriteBoolean(IsPinned, v.IsPinned);
        writer.WriteNumber(OrderKey, v.OrderKey);
        writer.WriteString(RecvOptName, WireText<RecvOpt>.Of(v.RecvOpt));
        writer.WriteStartArray(GroupAtInfoList);
        foreach (var at in v.GroupAtInfoList)
        {
            writer.WriteStartObject();
            writer.WriteString(MsgID, at.MsgID);
            writer.WriteString(AtTypeName, WireText<AtType>.Of(at.AtType));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray(MarkList);
        foreach (var mark in v.MarkList)
        {
            writer.WriteNumberValue(mark);
        }

        writer.WriteEndArray();
        writer.WriteString(CustomData, v.CustomData);
        writer.WriteStartArray(ConversationGroupList);
        foreach (var groupName in v.ConversationGroupList)
        {
            writer.WriteStringValue(groupName);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>SPEC 3.2's lastMessage (null before any message), fields in the record's order as the serializer writes them.</summary>
    private static void WriteLastMessage(Utf8JsonWriter writer, LastMessage? message)
    {
        if (message is null)
        {
            writer.WriteNull(LastMessageName);
            return;
        }

        writer.WriteStartObject(LastMessageName);
        writer.WriteString(MsgID, message.MsgID);
        writer.WriteString(SenderID, message.SenderID);
        writer.WriteNumber(Timestamp, message.Timestamp);
        writer.WriteString(ElemTypeName, WireText<ElemType>.Of(message.ElemType));
        writer.WriteString(Summary, message.Summary);
        writer.WriteBoolean(IsSelf, message.IsSelf);
        writer.WriteBoolean(IsRevoked, message.IsRevoked);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, JsonEncodedText name, long? value)
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
