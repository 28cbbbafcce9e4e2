namespace ConversationActors.TestSupport.Torture;

/// <summary>A span of the run during which a fault was injected on purpose (a node SIGKILLed, a store stopped).</summary>
/// <param name="Start">ms since the epoch.</param>
/// <param name="End">ms since the epoch.</param>
/// <param name="Reason">What was done, for the report.</param>
public sealed record FaultWindow(long Start, long End, string Reason)
{
    /// <summary>True when an attempt sent at <paramref name="sentAt"/> and ended at <paramref name="endedAt"/> overlaps the window.</summary>
    public bool Covers(long sentAt, long endedAt) => sentAt <= End && endedAt >= Start;
}

/// <summary>
/// The faults a run declares (thread-safe): a 503 or a refused connection is allowed only within one of them. The
/// window of a fault is declared when it is known, usually after it (its end includes the time the service is allowed
/// to take to serve everyone again); the checker reads them after the run.
/// </summary>
public sealed class FaultWindows
{
    private readonly List<FaultWindow> _windows = [];

    /// <summary>The windows declared so far.</summary>
    public IReadOnlyList<FaultWindow> All
    {
        get
        {
            lock (_windows)
            {
                return [.. _windows];
            }
        }
    }

    /// <summary>Declares that a fault was injected from <paramref name="start"/> to <paramref name="end"/> (ms since the epoch).</summary>
    public void Declare(long start, long end, string reason)
    {
        lock (_windows)
        {
            _windows.Add(new FaultWindow(start, end, reason));
        }
    }

    /// <summary>The window that allows a failure of <paramref name="attempt"/>, or null.</summary>
    public FaultWindow? Covering(Attempt attempt) => All.FirstOrDefault(w => w.Covers(attempt.SentAt, attempt.AnsweredAt));
}
