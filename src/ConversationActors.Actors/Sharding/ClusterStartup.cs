using Akka.Actor;
using Akka.Cluster;

namespace ConversationActors.Actors.Sharding;

/// <summary>How a node enters its cluster.</summary>
public static class ClusterStartup
{
    /// <summary>With no seed nodes configured the node joins itself: a cluster of one (the quickstart).</summary>
    public static void JoinSelfWithoutSeeds(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        if (cluster.Settings.SeedNodes.Count == 0)
        {
            cluster.Join(cluster.SelfAddress);
        }
    }

    /// <summary>Completes when this node is Up.</summary>
    public static Task WhenUpAsync(ActorSystem system)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task;
    }
}
