using System.Text.Json.Serialization;

namespace ConversationActors.Client.Model;

/// <summary>The kind of a conversation (SPEC 3.2 <c>type</c>): <c>"C2C"</c>, <c>"GROUP"</c> or <c>"SYSTEM"</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationType>))]
public enum ConversationType
{
    /// <summary>One-to-one, ID <c>C2C{userID}</c>.</summary>
    [JsonStringEnumMemberName("C2C")] C2C,

    /// <summary>A group, ID <c>GROUP{groupID}</c>.</summary>
    [JsonStringEnumMemberName("GROUP")] Group,

    /// <summary>System notifications, ID <c>@TIM#SYSTEM</c>.</summary>
    [JsonStringEnumMemberName("SYSTEM")] System,
}

/// <summary>Tencent group types (SPEC 3.2 <c>groupType</c>); AVChatRoom groups never count unread.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupType>))]
public enum GroupType
{
    /// <summary><c>"Work"</c>.</summary>
    [JsonStringEnumMemberName("Work")] Work,

    /// <summary><c>"Public"</c>.</summary>
    [JsonStringEnumMemberName("Public")] Public,

    /// <summary><c>"Meeting"</c>.</summary>
    [JsonStringEnumMemberName("Meeting")] Meeting,

    /// <summary><c>"AVChatRoom"</c>: never counts unread.</summary>
    [JsonStringEnumMemberName("AVChatRoom")] AVChatRoom,

    /// <summary><c>"Community"</c>.</summary>
    [JsonStringEnumMemberName("Community")] Community,
}

/// <summary>How the owner receives a conversation's messages (SPEC 3.2 <c>recvOpt</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecvOpt>))]
public enum RecvOpt
{
    /// <summary><c>"RECEIVE"</c>: counted in unread and in the total.</summary>
    [JsonStringEnumMemberName("RECEIVE")] Receive,

    /// <summary><c>"NOT_RECEIVE"</c>: new messages no longer count as unread.</summary>
    [JsonStringEnumMemberName("NOT_RECEIVE")] NotReceive,

    /// <summary><c>"RECEIVE_NOT_NOTIFY"</c>: counted per conversation, left out of the total.</summary>
    [JsonStringEnumMemberName("RECEIVE_NOT_NOTIFY")] ReceiveNotNotify,
}

/// <summary>The element type of a message (SPEC 4.2 <c>elemType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ElemType>))]
public enum ElemType
{
    /// <summary><c>"TEXT"</c> (the default).</summary>
    [JsonStringEnumMemberName("TEXT")] Text,

    /// <summary><c>"CUSTOM"</c>.</summary>
    [JsonStringEnumMemberName("CUSTOM")] Custom,

    /// <summary><c>"IMAGE"</c>.</summary>
    [JsonStringEnumMemberName("IMAGE")] Image,

    /// <summary><c>"SOUND"</c>.</summary>
    [JsonStringEnumMemberName("SOUND")] Sound,

    /// <summary><c>"VIDEO"</c>.</summary>
    [JsonStringEnumMemberName("VIDEO")] Video,

    /// <summary><c>"FILE"</c>.</summary>
    [JsonStringEnumMemberName("FILE")] File,

    /// <summary><c>"LOCATION"</c>.</summary>
    [JsonStringEnumMemberName("LOCATION")] Location,

    /// <summary><c>"FACE"</c>.</summary>
    [JsonStringEnumMemberName("FACE")] Face,

    /// <summary><c>"GROUP_TIPS"</c>.</summary>
    [JsonStringEnumMemberName("GROUP_TIPS")] GroupTips,

    /// <summary><c>"MERGER"</c>.</summary>
    [JsonStringEnumMemberName("MERGER")] Merger,
}

/// <summary>Why a group message asks for the owner's attention (SPEC 3.2 <c>groupAtInfoList[].atType</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AtType>))]
public enum AtType
{
    /// <summary><c>"AT_ME"</c>.</summary>
    [JsonStringEnumMemberName("AT_ME")] AtMe,

    /// <summary><c>"AT_ALL"</c>.</summary>
    [JsonStringEnumMemberName("AT_ALL")] AtAll,

    /// <summary><c>"AT_ALL_AT_ME"</c>.</summary>
    [JsonStringEnumMemberName("AT_ALL_AT_ME")] AtAllAtMe,
}
