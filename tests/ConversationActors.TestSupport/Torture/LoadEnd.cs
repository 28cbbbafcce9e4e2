namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// When a run's load stops starting new requests (thread-safe): at first <see cref="TortureOptions.Duration"/> after it
/// starts; a run with <see cref="TortureOptions.LoadAfterFaults"/> brings it forward once its faults are over, so a fault
/// that recovers quickly does not leave the load running for the slowest case's time.
/// </summary>
public sealed class LoadEnd(DateTimeOffset at)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _at = at;
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the load stops starting requests.</summary>
    public DateTimeOffset At
    {
        get
        {
            lock (_gate)
            {
                return _at;
            }
        }
    }

    /// <summary>True while new requests may start.</summary>
    public bool Running => DateTimeOffset.UtcNow < At;

    /// <summary>Brings the end forward to <paramref name="at"/> (never later than it already is).</summary>
    public void BringForward(DateTimeOffset at)
    {
        TaskCompletionSource moved;
        lock (_gate)
        {
            if (at >= _at)
            {
                return;
            }

            _at = at;
            moved = _moved;
            _moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        moved.SetResult();
    }

    /// <summary>Returns <paramref name="before"/> before the end, however the end moves meanwhile.</summary>
    public async Task UntilAsync(TimeSpan before)
    {
        while (true)
        {
            Task moved;
            TimeSpan left;
            lock (_gate)
            {
                moved = _moved.Task;
                left = _at - before - DateTimeOffset.UtcNow;
            }

            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(Task.Delay(left), moved);
        }
    }
}
