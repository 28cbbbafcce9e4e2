using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using ConversationActors.Actors.Journal;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>What the <see cref="FailingSqlJournal"/> does to the writes of one persistence id.</summary>
public enum WriteFault
{
    /// <summary>The write batch fails as a whole, as when the database is down: the actor's OnPersistFailure.</summary>
    Fail,

    /// <summary>The store refuses this write before storing it, as for a serialization error: OnPersistRejected.</summary>
    Reject,

    /// <summary>Like <see cref="Fail"/>, after half a second: requests sent meanwhile queue behind the write.</summary>
    FailSlowly,

    /// <summary>Stored as usual but acknowledged 300 ms late: a slow store, so requests sent meanwhile queue behind the write.</summary>
    Slow,
}

/// <summary>How the <see cref="FailingSqlJournal"/> replays the stored events of one persistence id.</summary>
public enum ReplayFault
{
    /// <summary>The stored events, then all of them again, as a journal that sent a replay page twice.</summary>
    Duplicated,

    /// <summary>The second and third events swapped (1, 3, 2, 4, …), as a journal that replayed out of order.</summary>
    OutOfOrder,
}

/// <summary>
/// The stock SQL journal with faults injected per persistence id, the idea of PersistenceTestKit's
/// <c>Journal.OnWrite.Fail()</c> (that kit is not served here). Enabled by
/// <see cref="ConfigLine"/>; tests switch a fault on with <see cref="Inject"/> and off by disposing it.
/// Injected writes never reach the database.
/// </summary>
public sealed class FailingSqlJournal(Config config) : SqlJournal(config)
{
    public const string ConfigLine =
        "akka.persistence.journal.sql.class = \"ConversationActors.Actors.Tests.Support.FailingSqlJournal, ConversationActors.Actors.Tests\"";

    private static readonly ConcurrentDictionary<string, WriteFault> Faults = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, bool> RecoveryFaults = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> WriteCalls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ReplayFault> ReplayFaults = new(StringComparer.Ordinal);

    /// <summary>How many journal writes (WriteMessages batches) carried events of <paramref name="persistenceId"/>.</summary>
    public static int WriteCallsOf(string persistenceId) => WriteCalls.GetValueOrDefault(persistenceId);

    /// <summary>Every following write of <paramref name="persistenceId"/> meets <paramref name="fault"/> until disposed.</summary>
    public static IDisposable Inject(string persistenceId, WriteFault fault)
    {
        Faults[persistenceId] = fault;
        return new Healing(persistenceId);
    }

    /// <summary>Every following recovery of <paramref name="persistenceId"/> fails after half a second, until disposed.</summary>
    public static IDisposable InjectRecoveryFailure(string persistenceId)
    {
        RecoveryFaults[persistenceId] = true;
        return new RecoveryHealing(persistenceId);
    }

    /// <summary>Every following replay of <paramref name="persistenceId"/> delivers its stored events as <paramref name="fault"/> says, until disposed.</summary>
    public static IDisposable InjectReplayFault(string persistenceId, ReplayFault fault)
    {
        ReplayFaults[persistenceId] = fault;
        return new ReplayHealing(persistenceId);
    }

    public override async Task ReplayMessagesAsync(
        Akka.Actor.IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        if (!ReplayFaults.TryGetValue(persistenceId, out var fault))
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback);
            return;
        }

        var stored = new List<IPersistentRepresentation>();
        await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, stored.Add);
        if (fault == ReplayFault.OutOfOrder && stored.Count >= 3)
        {
            (stored[1], stored[2]) = (stored[2], stored[1]);
        }

        foreach (var e in fault == ReplayFault.Duplicated ? stored.Concat(stored) : stored)
        {
            recoveryCallback(e);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        if (RecoveryFaults.ContainsKey(persistenceId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            throw new IOException("injected recovery failure");
        }

        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        foreach (var id in writes.Select(w => w.PersistenceId).Distinct())
        {
            WriteCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        var faults = writes.Select(w => Faults.TryGetValue(w.PersistenceId, out var f) ? f : (WriteFault?)null).ToList();
        if (faults.All(f => f is null))
        {
            return await base.WriteMessagesAsync(writes, cancellationToken);
        }

        if (faults.All(f => f is null or WriteFault.Slow))
        {
            // The base call must start on the journal actor's thread; the acknowledgement is what comes late.
            var written = base.WriteMessagesAsync(writes, cancellationToken);
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
            return await written;
        }

        if (faults.Contains(WriteFault.FailSlowly))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            throw new IOException("injected slow journal failure");
        }

        if (faults.Contains(WriteFault.Fail))
        {
            // A failed batch fails every write in it, as a lost connection would.
            throw new IOException("injected journal failure");
        }

        // Rejected writes are answered one by one; the others are stored as usual.
        var stored = writes.Where((_, i) => faults[i] is null).ToList();
        var storedResults = stored.Count == 0 ? null : await base.WriteMessagesAsync(stored, cancellationToken);
        // Akka's contract: a null entry means that write succeeded.
        var results = ImmutableList.CreateBuilder<Exception>();
        var next = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            results.Add(faults[i] is null
                ? storedResults?[next++]!
                : new InvalidOperationException($"injected rejection of {writes[i].PersistenceId}"));
        }

        return results.ToImmutable();
    }

    private sealed class ReplayHealing(string persistenceId) : IDisposable
    {
        public void Dispose() => ReplayFaults.TryRemove(persistenceId, out _);
    }

    private sealed class RecoveryHealing(string persistenceId) : IDisposable
    {
        public void Dispose() => RecoveryFaults.TryRemove(persistenceId, out _);
    }

    private sealed class Healing(string persistenceId) : IDisposable
    {
        public void Dispose() => Faults.TryRemove(persistenceId, out _);
    }
}
