using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace ConversationActors.Actors.Health;

/// <summary>
/// The entities of this node whose recovery or write failed for a reason of their own (issue 26,
/// <see cref="FaultOrigin.Entity"/>): an event that does not deserialize or apply, a replay out of order, a conflicting
/// write. Each fault is logged with the persistence ID and the exception and counted; the entity is then retried with
/// backoff: until <see cref="EntityFault.RetryAt"/> a new incarnation answers every request at once with the fault and
/// does not touch the store (<c>DurableEntity</c>), the first request after it recovers again, and a recovery that
/// succeeds clears the fault. The backoff doubles from <c>entity-fault-backoff.min</c> to <c>.max</c>. The store stays
/// available and no other user notices. Feeds <c>/health/ready</c>, the metrics and <c>GET /v1/admin/cluster</c>.
/// One per ActorSystem (an Akka extension).
/// </summary>
public sealed class EntityFaults : IExtension
{
    /// <summary>Most faults held at once; beyond it a fault is still logged and counted but not backed off.</summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, EntityFault> _faults = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log;
    private readonly TimeSpan _minBackoff;
    private readonly TimeSpan _maxBackoff;
    private long _total;

    public EntityFaults(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(EntityFaults));
        var config = system.Settings.Config;
        _minBackoff = config.GetTimeSpan("conversation-actors.entity-fault-backoff.min", TimeSpan.FromSeconds(1));
        _maxBackoff = config.GetTimeSpan("conversation-actors.entity-fault-backoff.max", TimeSpan.FromMinutes(1));
    }

    public static EntityFaults Get(ActorSystem system) => system.WithExtension<EntityFaults, EntityFaultsProvider>();

    /// <summary>True while no entity of this node is faulted (the common case: one volatile read).</summary>
    public bool IsEmpty => _faults.IsEmpty;

    /// <summary>How many entities are faulted now.</summary>
    public int Count => _faults.Count;

    /// <summary>Entity faults since the node started (a counter).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The faulted entities, most recent failure first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<EntityFault> Current(int max) =>
        _faults.Values.OrderByDescending(f => f.LastFailure).ThenBy(f => f.PersistenceId, StringComparer.Ordinal).Take(max).ToArray();

    /// <summary>
    /// The entity <paramref name="persistenceId"/> (actor path <paramref name="entityPath"/>, without the address) failed
    /// (<paramref name="what"/>: "recovery", "write"); returns the fault with its next retry time.
    /// </summary>
    public EntityFault Failed(string persistenceId, string entityPath, string what, Exception cause)
    {
        var now = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _total);
        var fault = _faults.AddOrUpdate(
            persistenceId,
            _ => New(1, now),
            (_, previous) => New(previous.Failures + 1, previous.Since) with { LastFailure = now });
        if (_faults.Count > MaxTracked)
        {
            _faults.TryRemove(persistenceId, out _);
        }

        _log.Error(
            cause,
            "Entity {0} ({1}) failed: {2} failed {3} time(s) since {4:O} for a reason of its own, not the store's; it answers 503 until {5:O}, then recovers again. Other entities are not affected.",
            persistenceId, entityPath, what, fault.Failures, fault.Since, fault.RetryAt);
        return fault;

        EntityFault New(int failures, DateTimeOffset since) =>
            new(persistenceId, entityPath, what, cause.GetBaseException().Message, failures, since, now, now + Backoff(failures));
    }

    /// <summary>The fault of <paramref name="persistenceId"/> while its backoff lasts; null otherwise (it may recover).</summary>
    public EntityFault? InBackoff(string persistenceId) =>
        !_faults.IsEmpty && _faults.TryGetValue(persistenceId, out var fault) && fault.RetryAt > DateTimeOffset.UtcNow ? fault : null;

    /// <summary>The fault of the entity at <paramref name="entityPath"/> (without the address), if it is faulted.</summary>
    public EntityFault? OfEntity(string entityPath) =>
        _faults.IsEmpty ? null : _faults.Values.FirstOrDefault(f => string.Equals(f.EntityPath, entityPath, StringComparison.Ordinal));

    /// <summary>The entity recovered: its fault, if any, is cleared.</summary>
    public void Recovered(string persistenceId)
    {
        if (!_faults.IsEmpty && _faults.TryRemove(persistenceId, out var fault))
        {
            _log.Info("Entity {0} recovered after {1} failure(s) since {2:O}", persistenceId, fault.Failures, fault.Since);
        }
    }

    /// <summary>min × 2^(failures − 1), at most max.</summary>
    private TimeSpan Backoff(int failures)
    {
        var ticks = _minBackoff.Ticks * Math.Pow(2, Math.Min(failures - 1, 30));
        return ticks >= _maxBackoff.Ticks ? _maxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}

/// <summary>
/// One faulted entity: its persistence ID and actor path, what failed ("recovery", "write") and why, how many times in a
/// row since when, the last failure, and when it is retried (UTC).
/// </summary>
public sealed record EntityFault(
    string PersistenceId, string EntityPath, string What, string Cause, int Failures, DateTimeOffset Since, DateTimeOffset LastFailure, DateTimeOffset RetryAt)
{
    /// <summary>The refusal's desc: names the entity and the cause, says that only it is affected and when it is retried.</summary>
    public string Desc =>
        $"the data of {PersistenceId} cannot be loaded ({What} failed: {Cause}); only this entity is affected, the store is available; " +
        $"nothing was acknowledged; it is retried after {RetryAt:O}";
}

/// <summary>Creates the <see cref="EntityFaults"/> extension.</summary>
public sealed class EntityFaultsProvider : ExtensionIdProvider<EntityFaults>
{
    public override EntityFaults CreateExtension(ExtendedActorSystem system) => new(system);
}
