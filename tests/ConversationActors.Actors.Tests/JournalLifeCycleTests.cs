using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Journal;
using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue 15: which snapshot becomes the horizon, what a snapshot save releases, and what a recovered entity still knows
/// — the pure part of the journal's life cycle (the stories on SQLite and PostgreSQL run it in an entity).
/// </summary>
public sealed class JournalLifeCycleTests
{
    private const long Day = 86_400_000;
    private static readonly JournalRetention NinetyDays = new(90 * Day, null);
    private static readonly ConversationSet State = ConversationSet.Empty("alice", 100);

    [Fact]
    public void With_retention_off_a_saved_snapshot_replaces_the_older_ones_and_carries_no_life_cycle_fields()
    {
        var cycle = new JournalLifeCycle(JournalRetention.Off);

        var snapshot = cycle.Snapshot(State, 8, 1000);

        Assert.Null(snapshot.LastEventAt);
        Assert.Null(snapshot.Checkpoints);
        Assert.Equal(new Compaction(8, 0), cycle.Saved(8, 400 * Day, long.MaxValue));
    }

    [Fact]
    public void The_horizon_is_the_newest_kept_snapshot_older_than_the_retention_and_moves_only_forward()
    {
        var cycle = new JournalLifeCycle(NinetyDays);
        Save(cycle, 4, 1 * Day);
        Save(cycle, 8, 2 * Day);
        Assert.Equal(Compaction.None, Save(cycle, 12, 50 * Day)); // nothing older than 90 days yet

        Assert.Equal(new Compaction(0, 4), Save(cycle, 16, 91.5 * Day)); // older than 90 days: 4 only (8 is day 2)
        Assert.Equal(new Compaction(0, 8), Save(cycle, 20, 93 * Day)); // 4 and 8: the newest is the horizon
        Assert.Equal([8L, 12L, 16L, 20L], cycle.Kept.Select(c => c.Seq));
        Assert.Equal(Compaction.None, Save(cycle, 24, 94 * Day)); // 12 (day 50) is still inside the window
        Assert.Equal(new Compaction(0, 12), Save(cycle, 28, 141 * Day));
    }

    [Fact]
    public void A_snapshot_lists_the_older_ones_kept_so_a_recovered_entity_compacts_where_the_old_one_would_have()
    {
        var cycle = new JournalLifeCycle(NinetyDays);
        Save(cycle, 4, 1 * Day);
        var latest = cycle.Snapshot(State, 8, 2 * Day);
        Assert.Equal(2 * Day, latest.LastEventAt);
        Assert.Equal([new SnapshotCheckpoint(4, 1 * Day)], latest.Checkpoints);

        var recovered = new JournalLifeCycle(NinetyDays);
        recovered.Recovered(8, latest);

        Assert.Equal([4L, 8L], recovered.Kept.Select(c => c.Seq));
        Assert.Equal(new Compaction(0, 8), Save(recovered, 12, 95 * Day));
    }

    [Fact]
    public void With_an_archive_folder_the_horizon_stays_at_or_before_the_archived_seq()
    {
        var cycle = new JournalLifeCycle(new JournalRetention(90 * Day, "/archive"));
        Save(cycle, 4, 1 * Day, archivedThrough: 0);
        Assert.Equal(Compaction.None, Save(cycle, 8, 2 * Day, archivedThrough: 0));

        Assert.Equal(new Compaction(0, 4), Save(cycle, 12, 95 * Day, archivedThrough: 7));
        Assert.Equal(new Compaction(0, 8), Save(cycle, 16, 96 * Day, archivedThrough: 16));
    }

    [Fact]
    public void Saves_that_end_out_of_order_are_kept_in_seq_order_and_one_that_ends_below_the_horizon_is_not_kept()
    {
        var cycle = new JournalLifeCycle(NinetyDays);
        cycle.Snapshot(State, 4, 1 * Day);
        Save(cycle, 8, 2 * Day);
        cycle.Snapshot(State, 12, 3 * Day);
        Assert.Equal(Compaction.None, cycle.Saved(4, 50 * Day, long.MaxValue));
        Assert.Equal([4L, 8L], cycle.Kept.Select(c => c.Seq));

        Assert.Equal(new Compaction(0, 8), Save(cycle, 16, 93 * Day));
        // The save after 12 ends after the horizon moved past nothing it covers: kept. A save below the horizon is not.
        Assert.Equal(Compaction.None, cycle.Saved(12, 93 * Day, long.MaxValue));
        cycle.Snapshot(State, 6, (long)(1.5 * Day));
        Assert.Equal(Compaction.None, cycle.Saved(6, 93 * Day, long.MaxValue));
        Assert.Equal([8L, 12L, 16L], cycle.Kept.Select(c => c.Seq));
    }

    private static Compaction Save(JournalLifeCycle cycle, long seq, double at, long archivedThrough = long.MaxValue)
    {
        cycle.Snapshot(State, seq, (long)at);
        return cycle.Saved(seq, (long)at, archivedThrough);
    }
}
