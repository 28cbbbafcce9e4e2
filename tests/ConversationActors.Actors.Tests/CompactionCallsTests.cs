using ConversationActors.Actors.Entities;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// The order of one entity's compaction calls (<see cref="CompactionCalls"/>): snapshot deletions wait for older saves,
/// and one deletion of events is in flight at a time, the newest horizon asked meanwhile sent when it ends (issue 26:
/// overlapping deletions of a hot user deadlocked on PostgreSQL and exhausted its connections).
/// </summary>
public sealed class CompactionCallsTests
{
    [Fact]
    public void A_deletion_of_events_asked_while_another_is_in_flight_waits_and_only_the_newest_horizon_is_sent()
    {
        var calls = new CompactionCalls();

        Assert.Equal(7, calls.DeleteEvents(7));
        Assert.Equal(0, calls.DeleteEvents(14));
        Assert.Equal(0, calls.DeleteEvents(21));
        Assert.False(calls.IsIdle);

        Assert.Equal(21, calls.EventsDeleted());
        Assert.False(calls.IsIdle);
        Assert.Equal(0, calls.EventsDeleted());
        Assert.True(calls.IsIdle);
    }

    [Fact]
    public void A_failed_deletion_of_events_also_releases_the_next_and_an_older_horizon_never_follows_a_newer_one()
    {
        var calls = new CompactionCalls();
        calls.DeleteEvents(20);
        calls.DeleteEvents(30);
        calls.DeleteEvents(25);

        Assert.Equal(30, calls.EventsDeleted());
        Assert.Equal(40, calls.DeleteEvents(40) + calls.EventsDeleted() + calls.DeleteEvents(40));
    }

    [Fact]
    public void A_snapshot_deletion_waits_for_an_older_save_in_flight_and_event_deletions_do_not_hold_it()
    {
        var calls = new CompactionCalls();
        calls.SaveStarted(14);
        calls.DeleteEvents(7);

        Assert.Equal(0, calls.DeleteSnapshots(14));
        Assert.Equal(14, calls.SaveEnded(14));
        Assert.False(calls.IsIdle);
        Assert.Equal(0, calls.EventsDeleted());
        Assert.True(calls.IsIdle);
    }
}
