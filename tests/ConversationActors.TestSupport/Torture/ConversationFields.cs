using System.Globalization;
using System.Text.Json;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// A conversation as field name → text, made the same way from the wire (a list answer's item) and from the domain
/// (a <see cref="ConversationView"/> of a fold), so two can be compared field by field. Every SPEC 3.2 field but
/// faceUrl (a profile's; the torture run writes no profiles, so showName is the remark or the ID). Written from the
/// SPEC's wire names here, not with the gateway's renderer: the comparison checks the renderer too.
/// </summary>
public static class ConversationFields
{
    /// <summary>The compared fields, in the SPEC's order; lastMessage's are flattened (lastMessage.msgID, …).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "conversationID", "type", "userID", "groupID", "groupType", "showName",
        "lastMessage.msgID", "lastMessage.senderID", "lastMessage.timestamp", "lastMessage.elemType", "lastMessage.summary",
        "lastMessage.isSelf", "lastMessage.isRevoked",
        "unreadCount", "draftText", "draftTimestamp", "isPinned", "orderKey", "recvOpt", "groupAtInfoList", "markList", "customData",
        "conversationGroupList",
    ];

    private const string Null = "null";
    private const string Absent = "(absent)";

    /// <summary>The fields of one item of a list answer.</summary>
    public static IReadOnlyDictionary<string, string> Of(JsonElement conversation)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var path = name.Split('.');
            var value = conversation;
            var found = true;
            foreach (var part in path)
            {
                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(part, out var inner))
                {
                    value = inner;
                }
                else
                {
                    found = value.ValueKind == JsonValueKind.Null && part != path[0];
                    value = default;
                    break;
                }
            }

            fields[name] = !found ? Absent : value.ValueKind == JsonValueKind.Undefined ? Null : Text(name, value);
        }

        return fields;
    }

    /// <summary>The fields of a folded conversation, as the wire would show them without profiles.</summary>
    public static IReadOnlyDictionary<string, string> Of(ConversationView v)
    {
        var last = v.LastMessage;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["conversationID"] = v.ConversationID,
            ["type"] = WireNames<ConversationType>.Name(v.Type),
            ["userID"] = v.UserID ?? Null,
            ["groupID"] = v.GroupID ?? Null,
            ["groupType"] = v.GroupType is { } groupType ? WireNames<GroupType>.Name(groupType) : Null,
            ["showName"] = ShowName.For(v.Type, v.UserID ?? v.GroupID, v.FriendRemark, null),
            ["lastMessage.msgID"] = last?.MsgID ?? Null,
            ["lastMessage.senderID"] = last?.SenderID ?? Null,
            ["lastMessage.timestamp"] = last is null ? Null : Number(last.Timestamp),
            ["lastMessage.elemType"] = last is null ? Null : WireNames<ElemType>.Name(last.ElemType),
            ["lastMessage.summary"] = last?.Summary ?? Null,
            ["lastMessage.isSelf"] = last is null ? Null : Bool(last.IsSelf),
            ["lastMessage.isRevoked"] = last is null ? Null : Bool(last.IsRevoked),
            ["unreadCount"] = Number(v.UnreadCount),
            ["draftText"] = v.DraftText ?? Null,
            ["draftTimestamp"] = v.DraftTimestamp is { } at ? Number(at) : Null,
            ["isPinned"] = Bool(v.IsPinned),
            ["orderKey"] = Number(v.OrderKey),
            ["recvOpt"] = WireNames<RecvOpt>.Name(v.RecvOpt),
            ["groupAtInfoList"] = string.Join(",", v.GroupAtInfoList.Select(a => a.MsgID + "/" + WireNames<AtType>.Name(a.AtType))),
            ["markList"] = string.Join(",", v.MarkList.Select(m => m.ToString(CultureInfo.InvariantCulture))),
            ["customData"] = v.CustomData ?? Null,
            ["conversationGroupList"] = string.Join(",", v.ConversationGroupList),
        };
    }

    private static string Text(string name, JsonElement value) => (name, value.ValueKind) switch
    {
        ("groupAtInfoList", JsonValueKind.Array) => string.Join(",", value.EnumerateArray().Select(a =>
            a.GetProperty("msgID").GetString() + "/" + a.GetProperty("atType").GetString())),
        (_, JsonValueKind.Array) => string.Join(",", value.EnumerateArray().Select(item => Text(name, item))),
        (_, JsonValueKind.String) => value.GetString()!,
        (_, JsonValueKind.Null) => Null,
        (_, JsonValueKind.True) => Bool(true),
        (_, JsonValueKind.False) => Bool(false),
        _ => value.GetRawText(),
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
