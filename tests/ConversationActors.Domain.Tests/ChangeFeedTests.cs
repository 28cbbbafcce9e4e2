using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Replay;
using ConversationActors.Domain.State;

namespace ConversationActors.Domain.Tests;

/// <summary>Issue #8: the change feed's items are the fold's differences, event by event.</summary>
public class ChangeFeedTests
{
    private const long T = 1_790_000_000_000;
    private const long Day = 86_400_000;

    [Fact]
    public void A_new_message_is_a_new_conversation_and_moves_the_total()
    {
        var (_, items) = Feed().Step(new JournalEvent(1, Message("C2Ca", "m1", "a", T)));

        Assert.Equal(["1 NewConversation C2Ca", "1 TotalUnreadChanged 1"], items.Select(Describe));
        Assert.Equal("m1", items[0].Conversation!.LastMessage!.MsgID);
    }

    [Fact]
    public void An_eviction_is_a_deletion_in_the_same_seq_as_the_conversation_that_caused_it()
    {
        var feed = Run(Feed(), Message("C2Ca", "m1", "owner", T), Message("C2Cb", "m2", "owner", T + 1));

        var (_, items) = feed.Step(new JournalEvent(3, Message("C2Cc", "m3", "owner", T + 2, evicted: ["C2Ca"])));

        Assert.Equal(["3 ConversationDeleted C2Ca", "3 NewConversation C2Cc"], items.Select(Describe));
    }

    [Fact]
    public void A_late_older_message_that_changes_nothing_visible_gives_no_item()
    {
        var feed = Run(Feed(), Message("C2Ca", "m2", "owner", T + 10));

        var (next, items) = feed.Step(new JournalEvent(2, Message("C2Ca", "m1", "owner", T)));

        Assert.Empty(items);
        Assert.Equal(2, next.Seq);
    }

    [Fact]
    public void A_conversation_brought_back_after_expiry_is_new_and_silent_expiry_gives_no_item()
    {
        var feed = Run(Feed(retention: Day), Message("C2Ca", "m1", "a", T));

        // Two days later: C2Ca expired without an event; a message elsewhere does not report it.
        (feed, var quiet) = feed.Step(new JournalEvent(2, Message("C2Cb", "m2", "owner", T + 2 * Day)));
        var (_, back) = feed.Step(new JournalEvent(3, Message("C2Ca", "m3", "a", T + 2 * Day, recreate: true)));

        Assert.Equal(["2 NewConversation C2Cb", "2 TotalUnreadChanged 0"], quiet.Select(Describe));
        Assert.Equal(["3 NewConversation C2Ca", "3 TotalUnreadChanged 1"], back.Select(Describe));
    }

    [Fact]
    public void A_friend_remark_changes_the_C2C_conversation_and_a_delete_removes_it()
    {
        var feed = Run(Feed(), Message("C2Ca", "m1", "a", T));

        (feed, var remark) = feed.Step(new JournalEvent(2, new FriendRemarkSet("a", "Ann", T + 1)));
        var (_, deleted) = feed.Step(new JournalEvent(3, new ConversationDeleted("C2Ca", T + 2)));

        Assert.Equal(["2 ConversationChanged C2Ca"], remark.Select(Describe));
        Assert.Equal("Ann", remark[0].Conversation!.FriendRemark);
        Assert.Equal(["3 ConversationDeleted C2Ca", "3 TotalUnreadChanged 0"], deleted.Select(Describe));
    }

    [Fact]
    public void An_event_at_or_before_the_feeds_position_is_refused()
    {
        var feed = Run(Feed(), Message("C2Ca", "m1", "a", T));

        Assert.Throws<ArgumentException>(() => feed.Step(new JournalEvent(1, Message("C2Ca", "m2", "a", T + 1))));
    }

    private static ChangeFeed Feed(long retention = 0) => ChangeFeed.Start(ConversationSet.Empty("owner", 100), 0, 0, retention);

    private static ChangeFeed Run(ChangeFeed feed, params IConversationEvent[] events)
    {
        foreach (var e in events)
        {
            feed = feed.Step(new JournalEvent(feed.Seq + 1, e)).Next;
        }

        return feed;
    }

    private static MessageAdded Message(string conversationID, string msgID, string senderID, long at, bool recreate = false, string[]? evicted = null) =>
        new(conversationID, msgID, senderID, at, ElemType.Text, "hi", [], false, null, null, true, at, recreate, evicted ?? []);

    private static string Describe(ChangeItem item) => item.Kind == ChangeKind.TotalUnreadChanged
        ? $"{item.Seq} {item.Kind} {item.TotalUnreadCount}"
        : $"{item.Seq} {item.Kind} {item.ConversationID}";
}
