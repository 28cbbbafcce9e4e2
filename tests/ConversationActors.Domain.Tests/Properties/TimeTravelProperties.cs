using System.Text.Json;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>Time travel (SPEC 4.3): asOfSeq = k is the fold of exactly the first k events, for every k.</summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class TimeTravelProperties
{
    private static string Json(ConversationSet set) => JsonSerializer.Serialize(ConversationSetSnapshot.Of(set));

    [Property(MaxTest = 200)]
    public void As_of_seq_k_equals_the_live_state_after_the_kth_event_for_every_k(Script script)
    {
        var results = Trace.Run(script).Where(r => r.Decision.Event is not null).ToArray();
        var journal = Trace.Events(results).Select((e, i) => new JournalEvent(i + 1, e)).ToArray();
        var window = script.Settings.DedupeWindow;

        // A multi-conversation write records several events: the live state is known after its last one.
        var k = 0;
        Assert.Equal(Json(ConversationSet.Empty(Scenario.Owner, window)), Json(JournalReplay.AsOfSeq(Scenario.Owner, journal, 0, window).State));
        foreach (var result in results)
        {
            k += result.Decision.Events.Count;
            var (state, moment) = JournalReplay.AsOfSeq(Scenario.Owner, journal, k, window);
            Assert.Equal(Json(result.After), Json(state));
            Assert.Equal(journal[k - 1].Event.At, moment);
        }
    }

    [Property(MaxTest = 200)]
    public void As_of_a_moment_lists_what_the_live_list_showed_at_that_moment(Script script)
    {
        var steps = Trace.Run(script);
        var journal = Trace.Events(steps).Select((e, i) => new JournalEvent(i + 1, e)).ToArray();
        var retention = script.Settings.RetentionMs;

        // Several writes can share a millisecond: the moment shows the state after the last of them.
        var lastAtEachMoment = steps.Where(s => s.Decision.Event is IConversationEvent).GroupBy(s => s.Now).Select(g => g.Last());
        foreach (var step in lastAtEachMoment)
        {
            var replayed = JournalReplay.AsOf(Scenario.Owner, journal, step.Now, script.Settings.DedupeWindow);
            var expected = ListQueries.All(step.After, step.Now, retention).ConversationList;
            var actual = ListQueries.All(replayed, step.Now, retention).ConversationList;
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }
    }
}
