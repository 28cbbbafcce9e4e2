using Akka.Cluster.Sharding;
using ConversationActors.Actors.Protocol;

namespace ConversationActors.Actors.Sharding;

/// <summary>
/// Routes an <see cref="IEntityMessage"/> to its entity by <see cref="IEntityMessage.EntityID"/>.
/// The shard count must stay the same for a cluster's whole life. StartEntity and ShardingEnvelope
/// are handled by the base class.
/// </summary>
public sealed class EntityMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string EntityId(object message) => message is IEntityMessage m ? m.EntityID : null!;
}
