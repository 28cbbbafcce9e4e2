using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>What one step did: the server time, the command, the decision and the states around it.</summary>
public sealed record StepResult(long Now, IConversationCommand Command, Decision Decision, ConversationSet Before, ConversationSet After);

/// <summary>Runs a script through Decide and Apply exactly as the actor does.</summary>
public static class Trace
{
    public static IReadOnlyList<StepResult> Run(Script script, Action<StepResult>? observe = null) =>
        Run(script.Settings, script.Steps, ConversationSet.Empty(Scenario.Owner, script.Settings.DedupeWindow), Scenario.Start, observe);

    public static IReadOnlyList<StepResult> Run(
        ConversationSettings settings, IEnumerable<Step> steps, ConversationSet state, long now, Action<StepResult>? observe = null)
    {
        var results = new List<StepResult>();
        foreach (var step in steps)
        {
            now += step.AdvanceMs;
            var command = step.ToCommand(now, state);
            var decision = Decider.Decide(state, command, now, settings);
            if (decision.Refusal is not null && decision.Event is not null)
            {
                throw new InvalidOperationException("a decision is either an event or a refusal");
            }

            var after = decision.Events.Aggregate(state, (s, e) => s.Apply(e));
            var result = new StepResult(now, command, decision, state, after);
            results.Add(result);
            observe?.Invoke(result);
            state = after;
        }

        return results;
    }

    public static long EndTime(Script script) => Scenario.Start + script.Steps.Sum(s => s.AdvanceMs);

    public static ConversationSet Final(Script script, IReadOnlyList<StepResult> results) =>
        results.Count == 0 ? ConversationSet.Empty(Scenario.Owner, script.Settings.DedupeWindow) : results[^1].After;

    public static IEnumerable<IConversationEvent> Events(IEnumerable<StepResult> results) =>
        results.SelectMany(r => r.Decision.Events);

    public static IReadOnlyList<ConversationView> List(ConversationSet state, long now, ConversationSettings settings) =>
        ListQueries.All(state, now, settings.RetentionMs).ConversationList;
}
