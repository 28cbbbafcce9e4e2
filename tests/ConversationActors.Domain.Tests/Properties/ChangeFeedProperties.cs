using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>
/// Issue 27: the change feed looks only at the conversations an event touched, and keeps the total unread from them;
/// both must give what a walk of the whole set gives, for every event the fold knows.
/// </summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class ChangeFeedProperties
{
    [Property(MaxTest = 300)]
    public void The_items_of_the_touched_conversations_are_those_of_every_conversation_and_the_running_total_is_the_sum(Script script)
    {
        var retention = script.Settings.RetentionMs;
        UnreadTotal? unread = null;
        Trace.Run(script, step =>
        {
            var state = step.Before;
            foreach (var e in step.Decision.Events)
            {
                var after = state.Apply(e);
                var touched = TouchedConversations.Of(state, after, e);
                var all = Json(ChangeFeed.Diff(state, after, Everything(state, after), 1, e.At, retention));
                var some = Json(ChangeFeed.Diff(state, after, touched, 1, e.At, retention));
                Assert.True(all == some, $"{e}\n{all}\n{some}");

                unread = (unread ?? UnreadTotal.Of(state, e.At, retention)).Step(state, after, touched, e.At, retention);
                Assert.Equal(ListQueries.TotalUnread(after, e.At, retention), unread.Value.Total);
                state = after;
            }
        });
    }

    /// <summary>Items as JSON: views hold arrays, which records compare by reference.</summary>
    private static string Json(IReadOnlyList<ChangeItem> items) => System.Text.Json.JsonSerializer.Serialize(items);

    /// <summary>Every conversation either version holds, and every peer with a remark, in ordinal order.</summary>
    private static IReadOnlyList<string> Everything(ConversationSet before, ConversationSet after) =>
        [.. before.Conversations.Values.Concat(after.Conversations.Values).Select(c => c.ID.Value)
            .Concat(before.Remarks.Keys.Concat(after.Remarks.Keys).Select(peer => Ids.ConversationId.C2C(peer).Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
