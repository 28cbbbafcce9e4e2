using System.Text.Json;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>Property (a): SPEC order, unique orderKeys, and activation takes the next orderKey.</summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ListOrderProperties
{
    [Property(MaxTest = 200)]
    public void The_list_is_always_pinned_first_then_orderKey_descending_with_unique_orderKeys(Script script)
    {
        Trace.Run(script, step =>
        {
            var list = Trace.List(step.After, step.Now, script.Settings);
            for (var i = 1; i < list.Count; i++)
            {
                var (a, b) = (list[i - 1], list[i]);
                Assert.True(
                    (a.IsPinned && !b.IsPinned) || (a.IsPinned == b.IsPinned && a.OrderKey > b.OrderKey),
                    $"{a.ConversationID} ({a.IsPinned}, {a.OrderKey}) before {b.ConversationID} ({b.IsPinned}, {b.OrderKey})");
            }

            var keys = step.After.Conversations.Values.Select(c => c.OrderKey).ToArray();
            Assert.Equal(keys.Length, keys.Distinct().Count());
            Assert.All(keys, k => Assert.InRange(k, 1, step.After.MaxOrderKey));
            Assert.Equal(step.After.Conversations.Count, step.After.Order.Count);
        });
    }

    [Property(MaxTest = 200)]
    public void Activation_takes_the_next_orderKey_and_nothing_else_changes_orderKeys(Script script)
    {
        Trace.Run(script, step =>
        {
            var (before, after) = (step.Before, step.After);
            var activated = step.Decision.Event switch
            {
                DraftSet e => e.ConversationID,
                ConversationPinned e => e.ConversationID,
                MessageAdded e when ActivatesBySpec(step, e, script.Settings.RetentionMs) => e.ConversationID,
                _ => null,
            };

            if (activated is null)
            {
                Assert.Equal(before.MaxOrderKey, after.MaxOrderKey);
                foreach (var entry in after.Conversations.Values)
                {
                    if (before.Find(entry.ID.Value) is { } old)
                    {
                        Assert.Equal(old.OrderKey, entry.OrderKey);
                    }
                }
            }
            else
            {
                Assert.Equal(before.MaxOrderKey + 1, after.MaxOrderKey);
                Assert.Equal(after.MaxOrderKey, after.Find(activated)!.OrderKey);
                Assert.All(after.Conversations.Values.Where(c => c.ID.Value != activated), c => Assert.True(c.OrderKey < after.MaxOrderKey));
            }
        });
    }

    /// <summary>
    /// SPEC 3.3/3.4, decided from the state before the message, not from the lastMessage the fold chose: a message
    /// activates when it creates the conversation (missing or expired), or when it is newer than the lastMessage
    /// (timestamp, then ordinal msgID) and later than the clearHistory watermark.
    /// </summary>
    private static bool ActivatesBySpec(StepResult step, MessageAdded e, long retentionMs)
    {
        if (step.Before.FindLive(e.ConversationID, step.Now, retentionMs) is not { } old)
        {
            return true;
        }

        var newer = old.LastMessage is not { } last
            || e.Timestamp > last.Timestamp
            || (e.Timestamp == last.Timestamp && string.CompareOrdinal(e.MsgID, last.MsgID) > 0);
        return newer && e.Timestamp > old.ClearWatermark;
    }

    [Property(MaxTest = 200)]
    public void Refusals_and_no_change_answers_leave_the_state_as_it_was_before_the_command(Script script)
    {
        // Rendered before Decide runs, compared with the state the entity keeps after it: deciding a refused or
        // no-change command must not alter the state it was decided against (nor record anything).
        var state = ConversationSet.Empty(Support.Scenario.Owner, script.Settings.DedupeWindow);
        var now = Support.Scenario.Start;
        foreach (var step in script.Steps)
        {
            now += step.AdvanceMs;
            var command = step.ToCommand(now, state);
            var before = Rendered(state, now, script.Settings);

            var decision = Decider.Decide(state, command, now, script.Settings);
            state = decision.Events.Aggregate(state, (s, e) => s.Apply(e));

            if (decision.Refusal is not null || decision.Events.Count == 0)
            {
                Assert.Empty(decision.Events);
                Assert.Equal(before, Rendered(state, now, script.Settings));
            }
        }
    }

    private static string Rendered(ConversationSet state, long now, ConversationSettings settings) =>
        JsonSerializer.Serialize(ConversationSetSnapshot.Of(state)) + JsonSerializer.Serialize(Trace.List(state, now, settings))
        + ListQueries.TotalUnread(state, now, settings.RetentionMs);

    [Property(MaxTest = 200)]
    public void A_creation_keeps_live_conversations_within_the_limit_unless_the_rest_are_pinned(Script script)
    {
        Trace.Run(script, step =>
        {
            if (step.Decision.Event is not ICreatingEvent e || step.Before.FindLive(ConversationOf(e), step.Now, script.Settings.RetentionMs) is not null)
            {
                return;
            }

            var live = step.After.Conversations.Values.Where(c => c.IsLiveAt(step.Now, script.Settings.RetentionMs)).ToArray();
            var pinned = live.Count(c => c.IsPinned);
            Assert.True(
                live.Length <= Math.Max(script.Settings.MaxConversations, pinned + 1),
                $"{live.Length} live ({pinned} pinned) with max {script.Settings.MaxConversations}");
            Assert.All(e.Evicted, id => Assert.Null(step.After.Find(id)));
        });
    }

    private static string ConversationOf(ICreatingEvent e) => e switch
    {
        MessageAdded m => m.ConversationID,
        DraftSet d => d.ConversationID,
        ConversationPinned p => p.ConversationID,
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    internal static ConversationSet Final(Script script) => Trace.Final(script, Trace.Run(script));
}
