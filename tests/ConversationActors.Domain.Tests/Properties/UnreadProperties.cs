using ConversationActors.Domain.Model;
using ConversationActors.Domain.Queries;
using FsCheck.Xunit;

namespace ConversationActors.Domain.Tests.Properties;

/// <summary>Property (e): unread counts are never negative and total unread is the SPEC's sum.</summary>
[Properties(Arbitrary = [typeof(DomainArbitraries)])]
public class UnreadProperties
{
    [Property(MaxTest = 200)]
    public void Unread_counts_are_never_negative_and_total_unread_sums_live_RECEIVE_conversations(Script script)
    {
        Trace.Run(script, step =>
        {
            foreach (var entry in step.After.Conversations.Values)
            {
                Assert.True(entry.Unread.Count >= 0);
                Assert.True(entry.Unread.TrackedCount <= entry.Unread.Count);
                Assert.True(entry.Unread.TrackedCount <= ConversationSettings.TrackedUnreadPerConversation);
                Assert.True(entry.UnreadCount >= 0);
            }

            var list = Trace.List(step.After, step.Now, script.Settings);
            Assert.All(list.Where(c => c.GroupType == GroupType.AVChatRoom), c => Assert.Equal(0, c.UnreadCount));
            // Hidden conversations are not listed but still count.
            Assert.Equal(
                step.After.Conversations.Values
                    .Where(c => c.RecvOpt == RecvOpt.Receive && c.IsLiveAt(step.Now, script.Settings.RetentionMs))
                    .Sum(c => (long)c.UnreadCount),
                ListQueries.TotalUnread(step.After, step.Now, script.Settings.RetentionMs));
            Assert.DoesNotContain(list, c => c.MarkList.Contains(ConversationMarks.Hide));
        });
    }

    [Property(MaxTest = 200)]
    public void A_full_read_leaves_nothing_unread_and_no_at_entries(Script script)
    {
        Trace.Run(script, step =>
        {
            if (step.Decision.Event is Events.ConversationRead { Full: true } read)
            {
                var entry = step.After.Find(read.ConversationID)!;
                Assert.Equal(0, entry.UnreadCount);
                Assert.Empty(entry.AtEntries);
            }
        });
    }

    [Property(MaxTest = 200)]
    public void The_owners_own_messages_never_add_unread_or_at_entries(Script script)
    {
        Trace.Run(script, step =>
        {
            if (step.Decision.Event is Events.MessageAdded { SenderID: Support.Scenario.Owner } e && !e.Recreate
                && step.Before.Find(e.ConversationID) is { } before)
            {
                var after = step.After.Find(e.ConversationID)!;
                Assert.Equal(before.Unread.Count, after.Unread.Count);
                Assert.Equal(before.AtEntries.Count, after.AtEntries.Count);
            }
        });
    }
}
