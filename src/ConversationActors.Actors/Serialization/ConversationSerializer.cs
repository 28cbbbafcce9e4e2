using Akka.Actor;
using Akka.Serialization;

namespace ConversationActors.Actors.Serialization;

/// <summary>
/// The one serializer for our events, snapshots and cluster messages: System.Text.Json with a
/// constant, versioned string manifest per type (<see cref="Manifests"/>), via <see cref="PayloadCodec"/>.
/// JSON keeps the journal readable by auditors and by tools outside .NET.
/// </summary>
public sealed class ConversationSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Serializer id: never change it, it is stored next to every event.</summary>
    public const int Id = 7411;

    public static System.Text.Json.JsonSerializerOptions Options => PayloadCodec.Options;

    public override int Identifier => Id;

    public override string Manifest(object o) => PayloadCodec.ManifestOf(o);

    public override byte[] ToBinary(object obj) => PayloadCodec.Serialize(obj);

    public override object FromBinary(byte[] bytes, string manifest) => PayloadCodec.Deserialize(bytes, manifest);
}
