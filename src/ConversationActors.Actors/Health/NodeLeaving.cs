using Akka.Actor;

namespace ConversationActors.Actors.Health;

/// <summary>
/// Whether this node is leaving the cluster (issue 31): its coordinated shutdown has begun, because the split-brain
/// resolver downed it (a partition or a long pause cut it off from the majority), or it was told to leave (SIGTERM).
/// Its entities then stop and hand their users over; a request caught with one, or a write that fails as the node's
/// journal connections close, is the node's leaving and not the store's failure: it is answered 503 TIMEOUT saying so
/// (retry, on another node) and not counted in <see cref="StoreHealth"/>.
/// </summary>
public static class NodeLeaving
{
    /// <summary>Why the node is leaving, for a refusal's desc; null while it is not.</summary>
    public static string? Why(ActorSystem system) => CoordinatedShutdown.Get(system).ShutdownReason switch
    {
        null => null,
        CoordinatedShutdown.ClusterDowningReason => "it was downed: a partition or a long pause cut it off from the majority",
        CoordinatedShutdown.ClusterLeavingReason or CoordinatedShutdown.ClrExitReason => "it was told to leave",
        var other => $"it is shutting down ({other.GetType().Name})",
    };

    /// <summary>The desc of a refusal of a request the leaving node did not handle: <paramref name="what"/> says what became of it.</summary>
    public static string Desc(string why, string what) => $"this node is leaving the cluster ({why}); {what}, retry (another node serves this user)";
}
