using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ConversationActors.Actors.Serialization;

/// <summary>
/// Turns our payloads into bytes and back, by manifest, with no ActorSystem: the serializer, the
/// CLI and the fixture tests share it. Old manifests are read through their upcasters.
/// </summary>
public static class PayloadCodec
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string ManifestOf(object payload) =>
        Manifests.ByType.TryGetValue(payload.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{payload.GetType().FullName} has no manifest: add it to {nameof(Manifests)}");

    public static byte[] Serialize(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Options);

    public static object Deserialize(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (Manifests.ByManifest.TryGetValue(manifest, out var type))
        {
            return JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"null payload for {manifest}");
        }

        if (Manifests.Legacy.TryGetValue(manifest, out var legacy))
        {
            var node = JsonNode.Parse(bytes) ?? throw new SerializationException($"null payload for {manifest}");
            return legacy.Upcast(node).Deserialize(legacy.Type, Options) ?? throw new SerializationException($"null payload for {manifest}");
        }

        throw new SerializationException($"Unknown manifest '{manifest}': this build cannot read that event or message");
    }

    /// <summary>The payload as JSON (camelCase, the API's field names), for the event log and exports.</summary>
    public static JsonElement ToJson(object payload) => JsonSerializer.SerializeToElement(payload, payload.GetType(), Options);
}
