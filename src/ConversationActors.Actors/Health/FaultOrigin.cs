using System.Data.Common;
using System.Net.Sockets;
using Akka.Pattern;
using Akka.Persistence;
using Microsoft.Data.Sqlite;

namespace ConversationActors.Actors.Health;

/// <summary>Where a failed store call or recovery went wrong (issue 26): the store itself, or one entity's data or code.</summary>
public enum FaultOrigin
{
    /// <summary>The store is unreachable, slow, full or its breaker is open: node-wide, reported to <see cref="StoreHealth"/>.</summary>
    Store,

    /// <summary>One entity's data or code (an event that does not deserialize or apply, a conflicting write): reported to
    /// <see cref="EntityFaults"/>; that entity answers an error and is retried with backoff, no other user notices.</summary>
    Entity,
}

/// <summary>
/// Tells a store fault from an entity fault by the exception (issue 26). Store health must come from the store, not from
/// any exception that passes through a recovery or a persist: before, a bug in one entity's recovery path was reported
/// as the store being down and every write on the node was refused.
/// </summary>
public static class FaultClassifier
{
    /// <summary>SQLite's result code for a violated constraint (a second writer of one persistence id's seq).</summary>
    private const int SqliteConstraint = 19;

    /// <summary>
    /// <see cref="FaultOrigin.Store"/> when the exception or any exception inside it says the store failed: a database
    /// error other than a constraint violation, an I/O or socket error (a full disk, a lost connection), a timeout (a
    /// slow store; Akka's recovery-event-timeout), an open circuit breaker. Anything else — a deserialization or fold
    /// error, a replay out of order, a constraint violation — is <see cref="FaultOrigin.Entity"/>.
    /// </summary>
    /// <param name="fault">The failure Akka reported.</param>
    /// <param name="whileApplying">True when the failure was thrown while the entity applied a replayed event (Akka
    /// passes that event to OnRecoveryFailure): the store delivered it, so the fault is the entity's.</param>
    public static FaultOrigin Classify(Exception fault, bool whileApplying = false) =>
        !whileApplying && Causes(fault).Any(IsStoreFailure) ? FaultOrigin.Store : FaultOrigin.Entity;

    private static bool IsStoreFailure(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } => false,
        DbException db => db.SqlState?.StartsWith("23", StringComparison.Ordinal) != true, // SQLSTATE class 23: integrity constraint violation
        IOException or SocketException or TimeoutException or OperationCanceledException => true,
        OpenCircuitException or RecoveryTimedOutException => true,
        _ => false,
    };

    /// <summary>The exception and every exception inside it (inner and aggregated), outermost first.</summary>
    private static IEnumerable<Exception> Causes(Exception fault)
    {
        var pending = new Stack<Exception>([fault]);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
