namespace ConversationActors.Actors.Entities;

/// <summary>
/// One entity's compaction calls to the store still in flight — snapshot saves, and deletions of events — and the
/// deletions that wait for them. Two orders matter, and Akka keeps neither (its stores run calls concurrently):
/// <list type="bullet">
/// <item>A snapshot deletion through seq S runs only once no save at or below S is in flight: sent while an older save
/// was in flight (a save waiting on a busy SQLite file) it could run first and miss that snapshot, which then stayed
/// (docs/decisions.md "Snapshot deletions wait for older saves").</item>
/// <item>One deletion of events is in flight at a time, and the newest horizon asked meanwhile is sent when it ends (issue
/// 26, found by the torture suite): on PostgreSQL each deletion is a transaction that marks and deletes the user's rows
/// up to the horizon, so overlapping deletions of a hot user queued on the same rows' locks, deadlocked, and held the
/// pool's connections until every write on the node failed (docs/decisions.md "One deletion of events at a time").</item>
/// </list>
/// </summary>
public sealed class CompactionCalls
{
    private readonly List<long> _savesInFlight = new(2);
    private long _snapshotsWaitingThrough;
    private long _eventsDeletingTo;
    private long _eventsWaitingTo;

    /// <summary>Nothing in flight and nothing waiting: the entity may drop this object.</summary>
    public bool IsIdle => _savesInFlight.Count == 0 && _snapshotsWaitingThrough == 0 && _eventsDeletingTo == 0 && _eventsWaitingTo == 0;

    /// <summary>The save of the snapshot after event <paramref name="seq"/> was sent.</summary>
    public void SaveStarted(long seq) => _savesInFlight.Add(seq);

    /// <summary>
    /// The save after event <paramref name="seq"/> succeeded or failed: the seq through which snapshots may be deleted now
    /// (0: none).
    /// </summary>
    public long SaveEnded(long seq)
    {
        _savesInFlight.Remove(seq);
        return ReleaseSnapshots();
    }

    /// <summary>
    /// Snapshots through <paramref name="maxSeq"/> are to be deleted: the seq through which they may be deleted now (0:
    /// none yet; a later <see cref="SaveEnded"/> releases it, merged with any other waiting deletion).
    /// </summary>
    public long DeleteSnapshots(long maxSeq)
    {
        _snapshotsWaitingThrough = Math.Max(_snapshotsWaitingThrough, maxSeq);
        return ReleaseSnapshots();
    }

    /// <summary>
    /// Events through <paramref name="toSeq"/> are to be deleted: the seq to delete through now, or 0 while another
    /// deletion is in flight (<see cref="EventsDeleted"/> then sends the newest one asked).
    /// </summary>
    public long DeleteEvents(long toSeq)
    {
        if (_eventsDeletingTo > 0)
        {
            _eventsWaitingTo = Math.Max(_eventsWaitingTo, toSeq);
            return 0;
        }

        _eventsDeletingTo = toSeq;
        return toSeq;
    }

    /// <summary>The deletion of events in flight succeeded or failed: the next one to send (0: none waits).</summary>
    public long EventsDeleted()
    {
        _eventsDeletingTo = 0;
        var next = _eventsWaitingTo;
        _eventsWaitingTo = 0;
        return next == 0 ? 0 : DeleteEvents(next);
    }

    private long ReleaseSnapshots()
    {
        var through = _snapshotsWaitingThrough;
        if (through == 0 || _savesInFlight.Exists(seq => seq <= through))
        {
            return 0;
        }

        _snapshotsWaitingThrough = 0;
        return through;
    }
}
