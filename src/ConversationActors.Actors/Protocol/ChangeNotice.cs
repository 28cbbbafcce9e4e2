using System.Text.Json;
using Akka.Util;
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
    /// <summary>How many change topics the users share (<see cref="TopicFor"/>).</summary>
    public const int TopicCount = 4096;

    /// <summary>
    /// The DistributedPubSub topic a user's changes go to: one of <see cref="TopicCount"/>, by a hash of the userID that
    /// every node computes alike (Akka's MurmurHash of the string), shared with the other users of that topic; a
    /// subscriber keeps only its user's changes (<see cref="EventChanges.UserID"/>). Not one topic per user: Akka.NET's
    /// DistributedPubSub caches every topic name it has seen in static maps that are never pruned (akka.net #7642), so a
    /// topic per user grew every node's heap by about 400 bytes per user ever written to (docs/decisions.md).
    /// </summary>
    public static string TopicFor(string userID) =>
        "conversation-changes:" + (uint)MurmurHash.StringHash(userID) % TopicCount;

    public static ChangeNotice Of(string userID, long sequenceNr, IConversationEvent evt) =>
        new(userID, sequenceNr, PayloadCodec.ManifestOf(evt), PayloadCodec.ToJson(evt));

    public IConversationEvent ToEvent() =>
        (IConversationEvent)PayloadCodec.Deserialize(JsonSerializer.SerializeToUtf8Bytes(Event), EventManifest);
}
