namespace ConversationActors.Actors.Journal;

/// <summary>
/// Where a compacted journal's history starts (issue 15): events through <paramref name="Seq"/> were deleted by
/// <c>journal.retention</c>; the snapshot after event <paramref name="Seq"/> (recorded at <paramref name="At"/>, ms since
/// epoch) is kept, so the state after it and every later event are still known.
/// </summary>
public sealed record JournalHorizon(long Seq, long At)
{
    /// <summary>The horizon in words, for refusals and convctl: "the journal's history starts after event 8 (2026-…Z); …".</summary>
    public string Describe() =>
        $"the journal's history starts after event {Seq} ({DateTimeOffset.FromUnixTimeMilliseconds(At):yyyy-MM-ddTHH:mm:ss.fffZ}); journal.retention deleted older events";
}

/// <summary>A time travel or read before the journal's horizon: the gateway answers 6017 with the horizon in <c>desc</c>.</summary>
public sealed class BeforeHorizonException(JournalHorizon horizon, string what)
    : Exception($"{what} is before the horizon: {horizon.Describe()}")
{
    public JournalHorizon Horizon { get; } = horizon;
}
