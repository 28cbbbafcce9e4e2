using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// A user's set as folded up to event <paramref name="Seq"/>, and that event's server time (ms since epoch; 0 before the
/// first). <paramref name="FromSnapshot"/>: the seq of the snapshot the fold started from (0: from the first event).
/// </summary>
public sealed record ReplayedState(ConversationSet State, long Seq, long At, long FromSnapshot = 0);

/// <summary>
/// Folds a user's journal with the entity's own fold while streaming it in pages (issue 15): it starts from the latest
/// snapshot at or before the target where one exists, and never holds more than a page of events, so memory is the
/// state's own size whatever the journal's length. Time travel, change-feed resumes and <c>convctl replay</c> use it.
/// After the journal's life cycle deleted old events (issue 15), a target before the horizon throws
/// <see cref="BeforeHorizonException"/>, and a target at or after it starts from the horizon's snapshot at the earliest.
/// </summary>
public sealed class StateReplay(JournalReader journal, SnapshotReader snapshots, int dedupeWindow)
{
    private const int PageSize = 500;

    /// <summary>The set after event <paramref name="seq"/> (or after the journal's last event, if it ends before).</summary>
    /// <exception cref="BeforeHorizonException"><paramref name="seq"/> is before the horizon of a compacted journal.</exception>
    public async Task<ReplayedState> AfterSeqAsync(string userID, long seq, CancellationToken cancellationToken)
    {
        var horizon = await HorizonAsync(userID, cancellationToken);
        return horizon is not null && seq < horizon.Seq
            ? throw new BeforeHorizonException(horizon, $"event {seq}")
            : await FoldAsync(userID, seq, null, horizon, cancellationToken);
    }

    /// <summary>
    /// The set at <paramref name="moment"/> (ms since epoch): the journal's events up to the first one recorded after it.
    /// A snapshot counts only when it was saved at or before the moment and its last event was recorded by then.
    /// </summary>
    /// <exception cref="BeforeHorizonException"><paramref name="moment"/> is before the horizon of a compacted journal.</exception>
    public async Task<ReplayedState> AtAsync(string userID, long moment, CancellationToken cancellationToken)
    {
        var horizon = await HorizonAsync(userID, cancellationToken);
        return horizon is not null && moment < horizon.At
            ? throw new BeforeHorizonException(horizon, $"{DateTimeOffset.FromUnixTimeMilliseconds(moment):yyyy-MM-ddTHH:mm:ss.fffZ}")
            : await FoldAsync(userID, long.MaxValue, moment, horizon, cancellationToken);
    }

    /// <summary>
    /// Where the user's history starts: null when the journal is whole (its first stored event is 1, or it has none);
    /// else the seq through which events were deleted and the time its kept snapshot records.
    /// </summary>
    public async Task<JournalHorizon?> HorizonAsync(string userID, CancellationToken cancellationToken)
    {
        var first = await journal.FirstSeqAsync(userID, cancellationToken);
        if (first <= 1)
        {
            return null;
        }

        // The snapshot at the horizon is kept while retention is on. After retention was turned off again, the next
        // snapshot save deleted it with the other older ones: history then starts at the latest snapshot.
        var kept = await snapshots.LoadAsync(userID, first - 1, dedupeWindow, null, cancellationToken);
        if (kept is null || kept.Seq != first - 1)
        {
            kept = await snapshots.LoadAsync(userID, long.MaxValue, dedupeWindow, null, cancellationToken);
        }

        return kept is not null && kept.Seq >= first - 1 && (kept.At ?? await LastEventAtAsync(userID, kept.Seq, cancellationToken)) is { } at
            ? new JournalHorizon(kept.Seq, at)
            : throw new InvalidOperationException($"the journal of {userID} starts at event {first} but no snapshot covers the events before it");
    }

    private async Task<ReplayedState> FoldAsync(string userID, long seq, long? moment, JournalHorizon? horizon, CancellationToken ct)
    {
        var start = await StartAsync(userID, seq, moment, horizon, ct);
        var (state, reached, at) = (start.State, start.Seq, start.At);
        ReplayedState Result() => new(state, reached, at, start.Seq);
        while (reached < seq)
        {
            var to = Math.Min(seq, reached + PageSize);
            var page = await journal.ReadAsync(userID, reached + 1, to, ct);
            foreach (var e in page)
            {
                if (moment is { } m && e.Event.At > m)
                {
                    return Result();
                }

                (state, reached, at) = (state.Apply(e.Event), e.Seq, e.Event.At);
            }

            if (page.Count == 0 || page[^1].Seq < to)
            {
                break; // the journal ends here
            }
        }

        return Result();
    }

    private async Task<ReplayedState> StartAsync(string userID, long seq, long? moment, JournalHorizon? horizon, CancellationToken ct)
    {
        var start = seq <= 0 ? null : await UsableAsync(userID, await snapshots.LoadAsync(userID, seq, dedupeWindow, moment, ct), moment, ct);
        if (horizon is not null && (start is null || start.Seq < horizon.Seq))
        {
            // Compacted: nothing before the horizon can be read, and the target is at or after it (checked by the
            // caller), so the fold starts from the horizon's snapshot at the earliest.
            var kept = await snapshots.LoadAsync(userID, horizon.Seq, dedupeWindow, null, ct)
                ?? throw new InvalidOperationException($"the snapshot after event {horizon.Seq} of {userID} is missing");
            start = new ReplayedState(kept.State, kept.Seq, horizon.At);
        }

        return start ?? new ReplayedState(ConversationSet.Empty(userID, dedupeWindow), 0, 0);
    }

    /// <summary>The snapshot as a start, when its last event (which gives the moment retention is judged at) is by the moment.</summary>
    private async Task<ReplayedState?> UsableAsync(string userID, StoredSnapshot? snapshot, long? moment, CancellationToken ct)
    {
        if (snapshot is null)
        {
            return null;
        }

        var at = snapshot.At ?? await LastEventAtAsync(userID, snapshot.Seq, ct);
        return at is null || (moment is { } m && at > m) ? null : new ReplayedState(snapshot.State, snapshot.Seq, at.Value);
    }

    private async Task<long?> LastEventAtAsync(string userID, long seq, CancellationToken ct)
    {
        var last = await journal.ReadAsync(userID, seq, seq, ct);
        return last.Count == 0 ? null : last[0].Event.At;
    }
}
