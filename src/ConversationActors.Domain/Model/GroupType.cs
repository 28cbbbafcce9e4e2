using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Model;

/// <summary>Tencent group types (SPEC 3.2 <c>groupType</c>). AVChatRoom groups never count unread.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GroupType>))]
public enum GroupType
{
    [JsonStringEnumMemberName("Work")] Work,
    [JsonStringEnumMemberName("Public")] Public,
    [JsonStringEnumMemberName("Meeting")] Meeting,
    [JsonStringEnumMemberName("AVChatRoom")] AVChatRoom,
    [JsonStringEnumMemberName("Community")] Community,
}
