using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Model;

/// <summary>The element type of a message (SPEC 4.2 <c>elemType</c>); wire names are upper case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ElemType>))]
public enum ElemType
{
    [JsonStringEnumMemberName("TEXT")] Text,
    [JsonStringEnumMemberName("CUSTOM")] Custom,
    [JsonStringEnumMemberName("IMAGE")] Image,
    [JsonStringEnumMemberName("SOUND")] Sound,
    [JsonStringEnumMemberName("VIDEO")] Video,
    [JsonStringEnumMemberName("FILE")] File,
    [JsonStringEnumMemberName("LOCATION")] Location,
    [JsonStringEnumMemberName("FACE")] Face,
    [JsonStringEnumMemberName("GROUP_TIPS")] GroupTips,
    [JsonStringEnumMemberName("MERGER")] Merger,
}
