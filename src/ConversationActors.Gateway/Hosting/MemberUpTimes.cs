using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;

namespace ConversationActors.Gateway.Hosting;

/// <summary>
/// When this node first saw each member Up. Akka's membership carries no timestamps, so "up since" is
/// local knowledge: exact for members that became Up while this node watched, and this node's own
/// start-up time for members that were already Up when it joined.
/// </summary>
public sealed class MemberUpTimes
{
    private readonly ConcurrentDictionary<UniqueAddress, DateTimeOffset> _upSince = new();
    private int _started;

    public DateTimeOffset? UpSince(UniqueAddress member) => _upSince.TryGetValue(member, out var at) ? at : null;

    /// <summary>Subscribes to membership events once; later calls do nothing.</summary>
    public void Start(ActorSystem system)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            system.ActorOf(Props.Create(() => new Watcher(this)), "member-up-times");
        }
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(MemberUpTimes times)
        {
            Receive<ClusterEvent.MemberUp>(up => times._upSince.TryAdd(up.Member.UniqueAddress, DateTimeOffset.UtcNow));
            Receive<ClusterEvent.MemberRemoved>(removed => times._upSince.TryRemove(removed.Member.UniqueAddress, out _));
        }

        protected override void PreStart() =>
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
