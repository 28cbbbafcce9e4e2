using System.Text.Json;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>Property (d): replay and snapshots give the same state as the live fold.</summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ReplayProperties
{
    private static string Json(ConversationSet set) => JsonSerializer.Serialize(ConversationSetSnapshot.Of(set));

    private static string EventsJson(IEnumerable<StepResult> results) =>
        JsonSerializer.Serialize(Trace.Events(results).Select(e => JsonSerializer.Serialize(e, e.GetType())));

    [Property(MaxTest = 200)]
    public void Replaying_the_events_from_empty_gives_an_equal_state(Script script)
    {
        var results = Trace.Run(script);

        var replayed = Trace.Events(results).Aggregate(ConversationSet.Empty(Scenario.Owner, script.Settings.DedupeWindow), (s, e) => s.Apply(e));

        Assert.Equal(Json(Trace.Final(script, results)), Json(replayed));
    }

    [Property(MaxTest = 200)]
    public void Snapshot_then_restore_then_continue_equals_no_snapshot(Script script)
    {
        var results = Trace.Run(script);
        var split = Math.Min(script.Split, results.Count);
        var atSplit = split == 0 ? ConversationSet.Empty(Scenario.Owner, script.Settings.DedupeWindow) : results[split - 1].After;
        var now = split == 0 ? Scenario.Start : results[split - 1].Now;

        var stored = JsonSerializer.Serialize(ConversationSetSnapshot.Of(atSplit));
        var restored = JsonSerializer.Deserialize<ConversationSetSnapshot>(stored)!.Restore(script.Settings.DedupeWindow);
        Assert.Equal(Json(atSplit), Json(restored));

        var continued = Trace.Run(script.Settings, script.Steps.Skip(split), restored, now);

        Assert.Equal(EventsJson(results.Skip(split)), EventsJson(continued));
        Assert.Equal(Json(Trace.Final(script, results)), Json(continued.Count == 0 ? restored : continued[^1].After));
    }

    [Property(MaxTest = 200)]
    public void A_duplicate_message_re_sent_right_after_changes_nothing(Script script)
    {
        Trace.Run(script, step =>
        {
            if (step.Decision.Event is Events.MessageAdded)
            {
                Assert.Equal(Decision.NoChange, Decider.Decide(step.After, step.Command, step.Now, script.Settings));
            }
        });
    }

    [Property(MaxTest = 200)]
    public void A_duplicate_message_re_sent_after_unrelated_steps_changes_nothing_while_remembered(Script script)
    {
        var sent = new List<(Commands.AddMessage Command, ulong Key)>();
        Trace.Run(script, step =>
        {
            if (step.Decision.Event is Events.MessageAdded e)
            {
                sent.Add(((Commands.AddMessage)step.Command, DedupeMemory.Key(e.ConversationID, e.MsgID)));
            }

            foreach (var (command, key) in sent.Where(s => step.After.Dedupe.Contains(s.Key)))
            {
                // Re-sent with its original timestamp, which may now be too old but never too new.
                var decision = Decider.Decide(step.After, command, step.Now, script.Settings);
                Assert.Equal(Decision.NoChange, decision);
            }
        });
    }
}
