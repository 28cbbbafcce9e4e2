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
/// </summary>
public sealed class StateReplay(JournalReader journal, SnapshotReader snapshots, int dedupeWindow)
{
    private const int PageSize = 500;

    /// <summary>The set after event <paramref name="seq"/> (or after the journal's last event, if it ends before).</summary>
    public Task<ReplayedState> AfterSeqAsync(string userID, long seq, CancellationToken cancellationToken) =>
        FoldAsync(userID, seq, null, cancellationToken);

    /// <summary>
    /// The set at <paramref name="moment"/> (ms since epoch): the journal's events up to the first one recorded after it.
    /// A snapshot counts only when it was saved at or before the moment and its last event was recorded by then.
    /// </summary>
    public Task<ReplayedState> AtAsync(string userID, long moment, CancellationToken cancellationToken) =>
        FoldAsync(userID, long.MaxValue, moment, cancellationToken);

    private async Task<ReplayedState> FoldAsync(string userID, long seq, long? moment, CancellationToken ct)
    {
        var start = await StartAsync(userID, seq, moment, ct);
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

    private async Task<ReplayedState> StartAsync(string userID, long seq, long? moment, CancellationToken ct)
    {
        var empty = new ReplayedState(ConversationSet.Empty(userID, dedupeWindow), 0, 0);
        if (seq <= 0 || await snapshots.LoadAsync(userID, seq, dedupeWindow, moment, ct) is not { } snapshot)
        {
            return empty;
        }

        // The snapshot's last event gives the moment retention is judged at (and must itself be before the moment).
        var last = await journal.ReadAsync(userID, snapshot.Seq, snapshot.Seq, ct);
        if (last.Count == 0 || (moment is { } m && last[0].Event.At > m))
        {
            return empty;
        }

        return new ReplayedState(snapshot.State, snapshot.Seq, last[0].Event.At);
    }
}
