namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// A whole torture run: the nodes warmed up (<see cref="WarmUp"/>), the load (<see cref="TortureLoad"/>) and alongside it
/// whatever faults the caller injects (each declared in <see cref="FaultWindows"/>), then the evidence read over HTTP and
/// every check. Tests assert <see cref="TortureReport.Passed"/> with <see cref="TortureReport.Describe"/> as the message;
/// the bench reports it.
/// </summary>
public static class TortureSuite
{
    /// <param name="options">The run's shape and the nodes to send to.</param>
    /// <param name="faults">Runs alongside the load (started with it) and declares each fault it injects; null: none.</param>
    public static async Task<TortureReport> RunAsync(TortureOptions options, Func<FaultWindows, Task>? faults = null)
    {
        if (options.WarmUp)
        {
            await WarmUp.RunAsync(options);
        }

        var windows = new FaultWindows();
        var end = new LoadEnd(DateTimeOffset.UtcNow + options.Duration);
        var load = TortureLoad.RunAsync(options, end);
        var injected = faults is null ? Task.CompletedTask : Task.Run(() => InjectAsync(options, faults, windows, end));
        var result = await load;
        await injected;
        var evidence = await EvidenceCollector.CollectAsync(options, result, windows);
        return TortureReport.Of(evidence, HistoryChecker.Check(evidence));
    }

    private static async Task InjectAsync(TortureOptions options, Func<FaultWindows, Task> faults, FaultWindows windows, LoadEnd end)
    {
        try
        {
            await faults(windows);
        }
        finally
        {
            if (options.LoadAfterFaults is { } after)
            {
                var lastEnd = windows.All.Select(w => DateTimeOffset.FromUnixTimeMilliseconds(w.End)).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
                end.BringForward((lastEnd > DateTimeOffset.UtcNow ? lastEnd : DateTimeOffset.UtcNow) + after);
            }
        }
    }
}
