using ConversationActors.Actors.Serialization;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Properties;
using ConversationActors.Domain.Tests.Reference;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// The domain's model-based stories through the real recovery pipeline: every event is stored as the journal stores it
/// (the production serializer's manifest and bytes, <see cref="PayloadCodec"/>, which <see cref="ConversationSerializer"/>
/// calls) and read back before it is replayed, and the state is snapshotted the same way at a random point. The
/// recovered state must answer every query as the independent <see cref="ReferenceModel"/> does, so a field the
/// serializer drops or a snapshot forgets shows up, even when live fold and replay agree with each other.
/// </summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class JournalPipelineProperties
{
    private static (string Manifest, byte[] Bytes) Store(object payload) => (PayloadCodec.ManifestOf(payload), PayloadCodec.Serialize(payload));

    private static T Load<T>((string Manifest, byte[] Bytes) stored) => (T)PayloadCodec.Deserialize(stored.Bytes, stored.Manifest);

    /// <summary>The story told to the model and decided live; answers the journal as stored bytes.</summary>
    private static ((string Manifest, byte[] Bytes)[] Journal, ReferenceModel Model) Tell(Script script, IEnumerable<Step> steps)
    {
        var model = new ReferenceModel(Scenario.Owner, script.Settings);
        var index = 0;
        var results = Trace.Run(
            script.Settings, steps, ConversationSet.Empty(Scenario.Owner, script.Settings.DedupeWindow), Scenario.Start,
            step => Agreement.AfterStep(index++, step, () => Agreement.SameOutcome(step, model.Handle(step.Command, step.Now))));
        return (Trace.Events(results).Select(e => Store(e)).ToArray(), model);
    }

    private static void SameEverywhere(ReferenceModel model, ConversationSet state, long now, Script script)
    {
        Agreement.SameAnswers(model, state, now, script.Settings);
        for (var count = 1; count <= Agreement.Ids.Length + 1; count++)
        {
            Agreement.SamePages(model, state, now, script.Settings, count);
        }

        foreach (var filter in Agreement.Filters)
        {
            Agreement.SameFiltered(model, state, now, script.Settings, filter, script.PageSize);
        }
    }

    [Property(MaxTest = 1000)]
    public void The_journal_read_back_through_the_serializer_replays_to_the_answers_of_the_reference_model(Script script)
    {
        var (journal, model) = Tell(script, script.Steps);

        var replayed = JournalReplay.Fold(Scenario.Owner, journal.Select(Load<IConversationEvent>), script.Settings.DedupeWindow);

        SameEverywhere(model, replayed, Trace.EndTime(script), script);
    }

    [Property(MaxTest = 1000)]
    public void A_snapshot_at_any_point_plus_the_journal_after_it_recovers_to_the_answers_of_the_reference_model(Script script)
    {
        var (journal, model) = Tell(script, script.Steps);
        var split = Math.Min(script.Split * journal.Length / Math.Max(1, script.Steps.Count), journal.Length);

        // As the entity recovers: the snapshot (stored bytes) of the state after `split` events, then the events after it.
        var before = JournalReplay.Fold(Scenario.Owner, journal.Take(split).Select(Load<IConversationEvent>), script.Settings.DedupeWindow);
        var snapshot = Load<ConversationSetSnapshot>(Store(ConversationSetSnapshot.Of(before)));
        var recovered = journal.Skip(split).Select(Load<IConversationEvent>).Aggregate(snapshot.Restore(script.Settings.DedupeWindow), (s, e) => s.Apply(e));

        SameEverywhere(model, recovered, Trace.EndTime(script), script);
    }

    [Property(MaxTest = 1000)]
    public void After_recovering_from_a_snapshot_the_entity_decides_the_rest_of_the_story_as_the_reference_model_does(Script script)
    {
        // The first part of the story, recovered from its stored snapshot; the rest decided live against the recovered state.
        var split = Math.Min(script.Split, script.Steps.Count);
        var (journal, model) = Tell(script, script.Steps.Take(split));
        var before = JournalReplay.Fold(Scenario.Owner, journal.Select(Load<IConversationEvent>), script.Settings.DedupeWindow);
        var recovered = Load<ConversationSetSnapshot>(Store(ConversationSetSnapshot.Of(before))).Restore(script.Settings.DedupeWindow);
        var now = Scenario.Start + script.Steps.Take(split).Sum(s => s.AdvanceMs);
        Agreement.SameAnswers(model, recovered, now, script.Settings);

        var index = split;
        var rest = Trace.Run(script.Settings, script.Steps.Skip(split), recovered, now, step => Agreement.AfterStep(index++, step, () =>
        {
            Agreement.SameOutcome(step, model.Handle(step.Command, step.Now));
            Agreement.SameAnswers(model, step.After, step.Now, script.Settings);
        }));

        SameEverywhere(model, rest.Count == 0 ? recovered : rest[^1].After, Trace.EndTime(script), script);
    }
}
