using System.Text.Json;
using ConversationActors.Domain.Tests.Legacy;
using ConversationActors.Domain.Tests.Reference;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;
using Compact = ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>
/// Issue #14 (3): random stories (the generator of the reference-model properties: deletes and re-creates, pins,
/// partial reads, revokes with @ entries, organizing commands, small capacities, dedupe windows and retentions) are
/// decided by the real Decider, and every event goes into the compact state and into the old immutable-collections
/// fold kept under tests (<see cref="Legacy"/>); after every step both answer every query alike. The same holds for a
/// transient fold (what an entity's recovery uses), which also leaves the set it began from as it was.
/// </summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class CompactStateProperties
{
    [Property(MaxTest = 500)]
    public void After_every_event_the_compact_state_answers_what_the_old_fold_answers(Script script)
    {
        var both = new Equivalence(Scenario.Owner, script.Settings.DedupeWindow);
        var index = 0;
        Trace.Run(script, step => Agreement.AfterStep(index++, step, () =>
        {
            foreach (var e in step.Decision.Events)
            {
                both.Apply(e);
            }

            both.AssertSame(Agreement.Ids, step.Now, script.Settings.RetentionMs, script.PageSize);
        }));
    }

    [Property(MaxTest = 300)]
    public void A_transient_fold_answers_what_the_old_fold_answers_and_leaves_the_set_it_began_from_unchanged(Script script)
    {
        var both = new Equivalence(Scenario.Owner, script.Settings.DedupeWindow);
        var edit = new Compact.FoldEdit();
        var (index, now) = (0, Scenario.Start);
        (Compact.ConversationSet Set, string Snapshot)? begun = null;
        Trace.Run(script, step => Agreement.AfterStep(index++, step, () =>
        {
            // The recovery of an entity with a snapshot: immutable up to a point, transient from there on.
            if (index == script.Steps.Count / 3 + 1)
            {
                begun = (both.New, Json(both.New));
                both.From(both.Old, both.New.Transient(edit));
            }

            foreach (var e in step.Decision.Events)
            {
                both.Apply(e);
            }

            both.AssertSame(Agreement.Ids, now = step.Now, script.Settings.RetentionMs, script.PageSize);
        }));

        both.From(both.Old, both.New.Sealed(edit));
        both.AssertSame(Agreement.Ids, now, script.Settings.RetentionMs, script.PageSize);
        if (begun is { } start)
        {
            Assert.Equal(start.Snapshot, Json(start.Set));
        }
    }

    private static string Json(Compact.ConversationSet set) => JsonSerializer.Serialize(Compact.ConversationSetSnapshot.Of(set));
}
