using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Model;

/// <summary>Why a group message asks for the owner's attention (SPEC 3.2 <c>groupAtInfoList</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AtType>))]
public enum AtType
{
    [JsonStringEnumMemberName("AT_ME")] AtMe,
    [JsonStringEnumMemberName("AT_ALL")] AtAll,
    [JsonStringEnumMemberName("AT_ALL_AT_ME")] AtAllAtMe,
}
