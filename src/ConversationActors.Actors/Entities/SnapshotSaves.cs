namespace ConversationActors.Actors.Entities;

/// <summary>
/// One entity's snapshot saves still in flight and the deletion of older snapshots that waits for them. Akka's snapshot
/// store runs saves and deletions concurrently, so a deletion sent while an older save is in flight (a save waiting on a
/// busy SQLite file) could run first and miss that snapshot, which then stayed. A deletion through seq S therefore runs
/// only once no save at or below S is in flight (docs/decisions.md "Snapshot deletions wait for older saves").
/// </summary>
public sealed class SnapshotSaves
{
    private readonly List<long> _inFlight = new(2);
    private long _waitingThrough;

    /// <summary>Nothing in flight and nothing waiting: the entity may drop this object.</summary>
    public bool IsIdle => _inFlight.Count == 0 && _waitingThrough == 0;

    /// <summary>The save of the snapshot after event <paramref name="seq"/> was sent.</summary>
    public void Started(long seq) => _inFlight.Add(seq);

    /// <summary>
    /// The save after event <paramref name="seq"/> succeeded or failed: the seq through which snapshots may be deleted now
    /// (0: none).
    /// </summary>
    public long Ended(long seq)
    {
        _inFlight.Remove(seq);
        return Release();
    }

    /// <summary>
    /// Snapshots through <paramref name="maxSeq"/> are to be deleted: the seq through which they may be deleted now (0:
    /// none yet; a later <see cref="Ended"/> releases it, merged with any other waiting deletion).
    /// </summary>
    public long Delete(long maxSeq)
    {
        _waitingThrough = Math.Max(_waitingThrough, maxSeq);
        return Release();
    }

    private long Release()
    {
        var through = _waitingThrough;
        if (through == 0 || _inFlight.Exists(seq => seq <= through))
        {
            return 0;
        }

        _waitingThrough = 0;
        return through;
    }
}
