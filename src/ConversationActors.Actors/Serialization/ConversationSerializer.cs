using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ConversationActors.Actors.Serialization;

/// <summary>
/// The one serializer for our events, snapshots and cluster messages: System.Text.Json with a
/// constant, versioned string manifest per type (<see cref="Manifests"/>). JSON keeps the journal
/// readable by auditors and by tools outside .NET.
/// </summary>
public sealed class ConversationSerializer : SerializerWithStringManifest
{
    /// <summary>Serializer id: never change it, it is stored next to every event.</summary>
    public const int Id = 7411;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public ConversationSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Manifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType().FullName} has no manifest: add it to {nameof(Manifests)}");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        Manifests.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"null payload for {manifest}")
            : throw new SerializationException($"Unknown manifest '{manifest}': this build cannot read that event or message");
}
