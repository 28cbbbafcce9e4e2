namespace ConversationActors.Actors.Protocol;

/// <summary>
/// Marker for every message that may cross the network (requests to entities and their answers).
/// Bound to <see cref="Serialization.ConversationSerializer"/> in config/akka.conf, never to the default serializer.
/// </summary>
public interface IClusterMessage;

/// <summary>A message for one sharded entity; <see cref="EntityID"/> picks it.</summary>
public interface IEntityMessage : IClusterMessage
{
    string EntityID { get; }
}
