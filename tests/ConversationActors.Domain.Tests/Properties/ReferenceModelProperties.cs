using ConversationActors.Domain.Queries;
using ConversationActors.Domain.Tests.Reference;
using ConversationActors.Domain.Tests.Support;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>
/// Model-based properties: random stories (equal timestamps and msgID ties, late messages, deletes and re-creates,
/// pins, full and partial reads, clearHistory, revokes with @ entries, recvOpt, small capacities and retentions, the
/// organizing commands) go through the real Decider/Apply and through the independent <see cref="ReferenceModel"/>;
/// after every step each command's answer and every query answer must be equal. FsCheck shrinks a failure to a
/// short story and prints it with the seed to replay it.
/// </summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ReferenceModelProperties
{
    [Property(MaxTest = 1000)]
    public void After_every_step_the_fold_answers_every_query_as_the_reference_model_does(Script script)
    {
        var settings = script.Settings;
        var model = new ReferenceModel(Scenario.Owner, settings);
        var index = 0;
        Trace.Run(script, step => Agreement.AfterStep(index, step, () =>
        {
            Agreement.SameOutcome(step, model.Handle(step.Command, step.Now));
            Agreement.SameAnswers(model, step.After, step.Now, settings);
            Agreement.SamePages(model, step.After, step.Now, settings, script.PageSize);
            Agreement.SameFiltered(model, step.After, step.Now, settings, Agreement.Filters[index++ % Agreement.Filters.Length], script.PageSize);
        }));

        // The final list by pages of every size, and under every filter.
        var (end, state) = (Trace.EndTime(script), LastState(script));
        for (var count = 1; count <= Agreement.Ids.Length + 1; count++)
        {
            Agreement.SamePages(model, state, end, settings, count);
        }

        foreach (var filter in Agreement.Filters)
        {
            Agreement.SameFiltered(model, state, end, settings, filter, script.PageSize);
        }
    }

    [Property(MaxTest = 1000)]
    public void A_cursor_kept_while_the_list_changes_continues_as_the_reference_model_says(Script script)
    {
        // Each side follows its own cursor across steps: the SPEC 4.1 position stays valid when its item moves or goes.
        var settings = script.Settings;
        var model = new ReferenceModel(Scenario.Owner, settings);
        var (modelAt, foldAt) = (PagePosition.Start, PagePosition.Start);
        var index = 0;
        Trace.Run(script, step => Agreement.AfterStep(index++, step, () =>
        {
            Agreement.SameOutcome(step, model.Handle(step.Command, step.Now));
            var (m, f) = Agreement.SamePage(model, step.After, step.Now, settings, script.PageSize, null, modelAt, foldAt, "a page from the kept cursor");
            (modelAt, foldAt) = m.IsFinished ? (PagePosition.Start, PagePosition.Start) : (m.Next, f.Next);
        }));
    }

    private static Domain.State.ConversationSet LastState(Script script) => Trace.Final(script, Trace.Run(script));
}
