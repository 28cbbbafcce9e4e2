using System.Collections.Immutable;
using Akka.Event;
using ConversationActors.Actors.Journal;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// What to delete after a snapshot was saved: snapshots below <paramref name="SnapshotsBelow"/>, events through
/// <paramref name="EventsTo"/> (0: none). After events are deleted, the entity deletes the snapshots before them.
/// </summary>
public sealed record Compaction(long SnapshotsBelow, long EventsTo)
{
    public static Compaction None { get; } = new(0, 0);
}

/// <summary>
/// One conversation-set entity's part of the journal's life cycle (issue 15). Retention off: a saved snapshot replaces
/// the older ones (as before). Retention on: every snapshot is kept until a newer one becomes the horizon; each snapshot
/// records the older ones kept (<see cref="ConversationSetSnapshot.Checkpoints"/>) so a recovered entity still knows
/// them; after each save the newest snapshot whose last event is older than the retention (and archived, with an
/// archive folder) becomes the horizon: events through it are deleted, then the snapshots before it.
/// </summary>
public sealed class JournalLifeCycle(JournalRetention retention)
{
    private static readonly JournalLifeCycle Off = new(JournalRetention.Off);
    private Dictionary<long, long>? _saving;
    private ImmutableList<SnapshotCheckpoint> _kept = [];
    private long _cut;

    /// <summary>
    /// The life cycle of an entity under <paramref name="retention"/>: with retention off, one shared instance that holds
    /// nothing (issue #14: an idle entity pays no bytes for a feature that is off).
    /// </summary>
    public static JournalLifeCycle For(JournalRetention retention) => retention.IsOn ? new JournalLifeCycle(retention) : Off;

    /// <summary>The kept snapshots this entity knows of, oldest first.</summary>
    public IReadOnlyList<SnapshotCheckpoint> Kept => _kept;

    /// <summary>Recovery offered <paramref name="snapshot"/>, saved after event <paramref name="seq"/>.</summary>
    public void Recovered(long seq, ConversationSetSnapshot snapshot)
    {
        if (!retention.IsOn)
        {
            return;
        }

        var own = snapshot.LastEventAt is { } at ? [new SnapshotCheckpoint(seq, at)] : Array.Empty<SnapshotCheckpoint>();
        _kept = [.. snapshot.Checkpoints ?? [], .. own];
    }

    /// <summary>The snapshot to save of <paramref name="state"/> after event <paramref name="seq"/> recorded at <paramref name="at"/>.</summary>
    public ConversationSetSnapshot Snapshot(ConversationSet state, long seq, long at)
    {
        var snapshot = ConversationSetSnapshot.Of(state);
        if (!retention.IsOn)
        {
            return snapshot;
        }

        (_saving ??= [])[seq] = at;
        return snapshot with { LastEventAt = at, Checkpoints = [.. _kept] };
    }

    /// <summary>
    /// With an archive folder, the seq <c>convctl archive</c> has recorded for <paramref name="ownerID"/> (0: none, or
    /// unreadable, logged to <paramref name="log"/>: nothing is deleted until it can be read); without one, no limit.
    /// </summary>
    public long ArchivedThrough(string ownerID, ILoggingAdapter log)
    {
        if (retention.ArchiveDirectory is not { } directory)
        {
            return long.MaxValue;
        }

        try
        {
            return ArchiveWatermark.Read(directory, ownerID).ArchivedThroughSeq;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidDataException)
        {
            log.Warning(e, "The archive watermark of {0} could not be read; nothing is deleted until it can", ownerID);
            return 0;
        }
    }

    /// <summary>The snapshot after <paramref name="seq"/> could not be saved.</summary>
    public void SaveFailed(long seq) => _saving?.Remove(seq);

    /// <summary>
    /// The snapshot after <paramref name="seq"/> is saved: what to delete now, judged at <paramref name="now"/> (ms) with
    /// events archived through <paramref name="archivedThrough"/> (ignored without an archive folder).
    /// </summary>
    public Compaction Saved(long seq, long now, long archivedThrough)
    {
        if (!retention.IsOn)
        {
            return new Compaction(seq, 0);
        }

        // Saves may end out of order (the store runs them concurrently): keep seq order, and forget a save that ended below
        // the horizon (the entity deletes that snapshot with the ones before the horizon).
        if (_saving is not null && _saving.Remove(seq, out var at) && seq >= _cut)
        {
            var index = _kept.FindLastIndex(c => c.Seq < seq) + 1;
            _kept = _kept.Insert(index, new SnapshotCheckpoint(seq, at));
        }

        var horizon = retention.Horizon(_kept, now, archivedThrough);
        if (horizon <= _cut)
        {
            return Compaction.None;
        }

        _cut = horizon;
        _kept = _kept.RemoveAll(c => c.Seq < horizon);
        return new Compaction(0, horizon);
    }
}
