using ConversationActors.Actors.Entities;

namespace ConversationActors.Actors.Tests;

/// <summary>Issue #14 (4): which replayed sequence numbers a recovering entity applies, skips or refuses.</summary>
public sealed class ReplayGuardTests
{
    [Fact]
    public void Applies_rising_numbers_with_gaps_and_skips_repeats()
    {
        var guard = new ReplayGuard(0);

        Assert.Equal([true, true, true, false, false, true, false], Apply(guard, 1, 2, 5, 5, 2, 6, 1));
    }

    [Fact]
    public void Skips_events_the_snapshot_already_holds()
    {
        var guard = new ReplayGuard(1000);

        Assert.Equal([false, true, false], Apply(guard, 1000, 1001, 3));
    }

    [Fact]
    public void Refuses_an_event_older_than_one_applied_that_was_never_applied()
    {
        var guard = new ReplayGuard(0);
        Apply(guard, 1, 3);

        guard.Replaying = 2;
        Assert.Contains("event 2 was replayed after event 3", Assert.Throws<InvalidOperationException>(() => guard.ShouldApply()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_repeat_further_back_than_the_window_it_remembers()
    {
        var guard = new ReplayGuard(0);
        Apply(guard, 1, 2 + ReplayGuard.Window);

        guard.Replaying = 1;
        Assert.Throws<InvalidOperationException>(() => guard.ShouldApply());
    }

    private static bool[] Apply(ReplayGuard guard, params long[] sequenceNrs) =>
        sequenceNrs.Select(n =>
        {
            guard.Replaying = n;
            return guard.ShouldApply();
        }).ToArray();
}
