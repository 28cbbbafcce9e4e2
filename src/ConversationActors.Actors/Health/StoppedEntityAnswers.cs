using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using ConversationActors.Actors.Protocol;
using ConversationActors.Actors.Sharding;
using ConversationActors.Actors.Telemetry;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Actors.Health;

/// <summary>
/// What becomes of an entity request that was never handled (issues #19, 26 and 31). Such a request turns up as a dead
/// letter: an entity whose write or recovery failed stopped with requests in its mailbox or stash (Akka Persistence
/// cannot know what the store holds), an entity stopped for a hand-off with requests queued, or a shard region dropped
/// the requests it had buffered for a shard when the hand-off of that shard began (Akka.NET's "Dropping [n] buffered
/// messages to shard … during hand off", akkadotnet/akka.net#8501: it drops them to keep their order, which a request
/// from an HTTP call does not need). Their callers used to wait for <c>ask-timeout</c>. This one actor per node (started
/// with <see cref="StoreHealth"/>) watches the dead letters, and for every entity request among them with a caller:
/// <list type="bullet">
/// <item>the entity's own fault (<see cref="EntityFaults"/>) or the store's outage (<see cref="StoreHealth"/>): answers at
/// once with 503 STORE_UNAVAILABLE (50004), naming the cause; nothing was done and the caller may retry;</item>
/// <item>otherwise the entity stopped or moved: the request is sent again through this node's shard region, which delivers
/// it to the entity's new incarnation or home (a hand-off costs the caller the hand-off, not a timeout). A request is
/// sent again at most <see cref="MaxRedeliveries"/> times (a node whose regions have stopped drops it each time);
/// after that, or where this node runs no region of it, it is answered 503 TIMEOUT (50005): the store answered, the
/// cluster did not deliver the request in time, and STORE_UNAVAILABLE would wake the store's alerts for nothing.</item>
/// </list>
/// On a node that is leaving the cluster (<see cref="NodeLeaving"/>: downed, or SIGTERM) an entity stops because the node
/// leaves, not because the store failed: a request that cannot be sent again is answered 503 TIMEOUT saying so (issue 31).
/// Sending it again is safe: a dead letter was never handled, so the entity handles it once.
/// </summary>
public sealed class StoppedEntityAnswers : ReceiveActor
{
    public const string Name = "stopped-entity-answers";

    /// <summary>How often one request is sent again before it is answered with 503.</summary>
    public const int MaxRedeliveries = 3;

    /// <summary>Redeliveries per request object; a redelivered request that dead-letters again is the same object.</summary>
    private readonly ConditionalWeakTable<IEntityMessage, StrongBox<int>> _redelivered = new();

    public StoppedEntityAnswers()
    {
        Receive<AllDeadLetters>(letter =>
        {
            if (letter.Message is not IEntityMessage message || letter.Sender is null || letter.Sender.IsNobody() || Equals(letter.Sender, Context.System.DeadLetters))
            {
                return;
            }

            var fault = letter.Recipient is { } recipient ? EntityFaults.Get(Context.System).OfEntity(recipient.Path.ToStringWithoutAddress()) : null;
            if (fault is null && StoreHealth.Get(Context.System).IsAvailable && TryRedeliver(message, letter.Sender))
            {
                return;
            }

            if (fault is null && StoreHealth.Get(Context.System).IsAvailable && NodeLeaving.Why(Context.System) is { } leaving)
            {
                letter.Sender.Tell(
                    new CommandRefused(ErrorCode.Timeout, NodeLeaving.Desc(leaving, $"the entity {message.EntityID} stopped before it handled this request: nothing was done")),
                    ActorRefs.NoSender);
                return;
            }

            if (fault is null && StoreHealth.Get(Context.System).Current is { } outage)
            {
                letter.Sender.Tell(
                    new CommandRefused(ErrorCode.StoreUnavailable, $"the entity {message.EntityID} stopped before it handled this request (the event store is unavailable ({outage.Cause})); nothing was done, retry"),
                    ActorRefs.NoSender);
                return;
            }

            var sentAgain = _redelivered.TryGetValue(message, out var count) ? $", sent again {count.Value} times" : string.Empty;
            letter.Sender.Tell(
                fault is not null
                    ? new CommandRefused(ErrorCode.StoreUnavailable, fault.Desc)
                    : new CommandRefused(ErrorCode.Timeout, $"the entity {message.EntityID} stopped before it handled this request (it stopped or moved to another node{sentAgain}); nothing was done, retry"),
                ActorRefs.NoSender);
        });
    }

    private bool TryRedeliver(IEntityMessage message, IActorRef caller)
    {
        var count = _redelivered.GetOrCreateValue(message);
        if (count.Value >= MaxRedeliveries || RegionOf(message) is not { } region)
        {
            return false;
        }

        count.Value++;
        region.Tell(message, caller);
        ServiceMetrics.Redelivered(message.GetType().Name);
        return true;
    }

    /// <summary>This node's region (or proxy) of the message's entity type; null where sharding has not started it.</summary>
    private static IActorRef? RegionOf(IEntityMessage message)
    {
        try
        {
            return ClusterSharding.Get(Context.System).ShardRegion(ShardRegions.TypeNameOf(message));
        }
        catch (Exception e) when (e is ArgumentException or Akka.Configuration.ConfigurationException or NotSupportedException)
        {
            return null;
        }
    }
}
