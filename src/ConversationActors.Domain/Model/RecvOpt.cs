using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Model;

/// <summary>How the owner receives a conversation's messages (SPEC 3.2 <c>recvOpt</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecvOpt>))]
public enum RecvOpt
{
    [JsonStringEnumMemberName("RECEIVE")] Receive,
    [JsonStringEnumMemberName("NOT_RECEIVE")] NotReceive,
    [JsonStringEnumMemberName("RECEIVE_NOT_NOTIFY")] ReceiveNotNotify,
}
