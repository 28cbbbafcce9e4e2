using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;

namespace ConversationActors.Actors.Protocol;

/// <summary>
/// The change topic of a user (<see cref="TopicFor"/>), and the notice entities published there before issue 15: the raw
/// event after it was persisted, for every stream to fold. Entities now publish <see cref="EventChanges"/> instead; the
/// type and its manifest <c>ChangeNotice.v1</c> stay so the manifest is never reused and older nodes' messages still decode.
/// </summary>
public sealed record ChangeNotice(string UserID, long SequenceNr, string EventManifest, JsonElement Event) : IClusterMessage
{
    /// <summary>The DistributedPubSub topic of one user's changes.</summary>
    public static string TopicFor(string userID) => "conversation-changes:" + userID;

    public static ChangeNotice Of(string userID, long sequenceNr, IConversationEvent evt) =>
        new(userID, sequenceNr, PayloadCodec.ManifestOf(evt), PayloadCodec.ToJson(evt));

    public IConversationEvent ToEvent() =>
        (IConversationEvent)PayloadCodec.Deserialize(JsonSerializer.SerializeToUtf8Bytes(Event), EventManifest);
}
