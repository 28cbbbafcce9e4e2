using System.Text.Json;
using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;

namespace ConversationActors.Actors.Protocol;

/// <summary>
/// Published by a conversation-set entity to its user's change topic after event <see cref="SequenceNr"/>
/// is durably persisted (never before), for the live part of the change feed. Delivery is at most once
/// (DistributedPubSub); the journal stays the source of truth, so subscribers fill gaps from it.
/// The event travels as its manifest and JSON, so every event type (including future ones) can ride along.
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
