using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;

namespace ConversationActors.Actors.Protocol;

/// <summary>
/// The notice entities published to a DistributedPubSub topic before issue 15: the raw event after it was persisted, for
/// every stream to fold. Entities then published <see cref="EventChanges"/> to shared topics, and since issue 27 send them
/// only to the streams registered with them (<see cref="GetChanges.Subscribe"/>). The type and its manifest
/// <c>ChangeNotice.v1</c> stay so the manifest is never reused and older nodes' messages still decode.
/// </summary>
public sealed record ChangeNotice(string UserID, long SequenceNr, string EventManifest, JsonElement Event) : IClusterMessage
{
    public static ChangeNotice Of(string userID, long sequenceNr, IConversationEvent evt) =>
        new(userID, sequenceNr, PayloadCodec.ManifestOf(evt), PayloadCodec.ToJson(evt));

    public IConversationEvent ToEvent() =>
        (IConversationEvent)PayloadCodec.Deserialize(JsonSerializer.SerializeToUtf8Bytes(Event), EventManifest);
}
