using System.Collections.Concurrent;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// The operation history of a run, as Jepsen keeps one: every logical request planned and every attempt sent, with when
/// it was sent and answered and how. Appends are thread-safe; the checker reads it once the run has ended.
/// </summary>
public sealed class OperationHistory
{
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentDictionary<long, PlannedRequest> _requests = new();
    private long _nextRequestId;
    private long _nextAttemptId;

    /// <param name="startedAt">When the run started (ms since the epoch); history lines give times relative to it.</param>
    public OperationHistory(long startedAt) => StartedAt = startedAt;

    /// <summary>When the run started, ms since the epoch.</summary>
    public long StartedAt { get; }

    /// <summary>Every attempt recorded so far, in the order they ended.</summary>
    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    /// <summary>Every logical request planned so far, by ID.</summary>
    public IReadOnlyDictionary<long, PlannedRequest> Requests => _requests;

    /// <summary>A fresh logical request ID.</summary>
    public long NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    /// <summary>A fresh attempt ID.</summary>
    public long NextAttemptId() => Interlocked.Increment(ref _nextAttemptId);

    /// <summary>Records a logical request before any of its attempts is sent.</summary>
    public void Plan(PlannedRequest request) => _requests[request.Id] = request;

    /// <summary>Appends one attempt once it has ended.</summary>
    public void Record(Attempt attempt) => _attempts.Enqueue(attempt);
}
