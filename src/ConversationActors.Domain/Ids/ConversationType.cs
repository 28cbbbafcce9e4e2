using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Ids;

/// <summary>The kind of a conversation (SPEC 3.2 <c>type</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConversationType>))]
public enum ConversationType
{
    [JsonStringEnumMemberName("C2C")] C2C,
    [JsonStringEnumMemberName("GROUP")] Group,
    [JsonStringEnumMemberName("SYSTEM")] System,
}
