using ConversationActors.Domain.Tests.Legacy;
using ConversationActors.Domain.Tests.Reference;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>
/// Issue #14 (3): random stories (the generator of the reference-model properties: deletes and re-creates, pins,
/// partial reads, revokes with @ entries, organizing commands, small capacities, dedupe windows and retentions) are
/// decided by the real Decider, and every event goes into the compact state and into the old immutable-collections
/// fold kept under tests (<see cref="Legacy"/>); after every step both answer every query alike.
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
}
