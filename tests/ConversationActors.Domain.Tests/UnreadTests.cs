using ConversationActors.Domain.Model;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 unread counting, @ entries and total unread; 3.4 groupType, recvOpt and @ rules.</summary>
public class UnreadTests
{
    [Fact]
    public void Each_incoming_message_adds_one_unread()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Cbob", "m2").Receive("C2Cbob", "m3");

        Assert.Equal(3, story["C2Cbob"].UnreadCount);
        Assert.Equal(3, story.TotalUnread);
    }

    [Fact]
    public void Messages_under_NOT_RECEIVE_are_not_counted()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").RecvOpt("C2Cbob", RecvOpt.NotReceive).Receive("C2Cbob", "m2");

        Assert.Equal(1, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Messages_under_RECEIVE_NOT_NOTIFY_are_counted_but_not_in_total_unread()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1")
            .Receive("C2Ccarol", "c1", from: "carol")
            .RecvOpt("C2Cbob", RecvOpt.ReceiveNotNotify)
            .Receive("C2Cbob", "m2");

        Assert.Equal(2, story["C2Cbob"].UnreadCount);
        Assert.Equal(1, story.TotalUnread);
    }

    [Fact]
    public void Changing_recvOpt_keeps_the_existing_unread_count()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Cbob", "m2").RecvOpt("C2Cbob", RecvOpt.NotReceive);
        Assert.Equal(2, story["C2Cbob"].UnreadCount);
        Assert.Equal(0, story.TotalUnread);

        story.RecvOpt("C2Cbob", RecvOpt.Receive);
        Assert.Equal(2, story.TotalUnread);
    }

    [Fact]
    public void Setting_the_same_recvOpt_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").RecvOpt("C2Cbob", RecvOpt.NotReceive);

        story.ChangesNothing(Cmd.RecvOpt("C2Cbob", RecvOpt.NotReceive));
        Assert.Equal(RecvOpt.NotReceive, story["C2Cbob"].RecvOpt);
    }

    [Fact]
    public void A_message_with_countsUnread_false_is_not_counted()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", with: m => m with { CountsUnread = false });

        Assert.Equal(0, story["C2Cbob"].UnreadCount);
        Assert.Equal("m1", story["C2Cbob"].LastMessage!.MsgID);
    }

    [Fact]
    public void An_AVChatRoom_group_never_counts_unread()
    {
        var story = new Scenario().Receive("GROUPlive", "m1", with: m => m with { GroupType = GroupType.AVChatRoom });

        Assert.Equal(0, story["GROUPlive"].UnreadCount);
        Assert.Equal(GroupType.AVChatRoom, story["GROUPlive"].GroupType);
        Assert.Equal(0, story.TotalUnread);
    }

    [Fact]
    public void GroupType_sticks_when_a_later_message_has_none()
    {
        var story = new Scenario()
            .Receive("GROUPlive", "m1", with: m => m with { GroupType = GroupType.AVChatRoom })
            .Receive("GROUPlive", "m2");

        Assert.Equal(GroupType.AVChatRoom, story["GROUPlive"].GroupType);
        Assert.Equal(0, story["GROUPlive"].UnreadCount);
    }

    [Fact]
    public void A_message_groupType_replaces_the_stored_one()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { GroupType = GroupType.Work })
            .Receive("GROUPg1", "m2", with: m => m with { GroupType = GroupType.Public });

        Assert.Equal(GroupType.Public, story["GROUPg1"].GroupType);
    }

    [Fact]
    public void The_group_profile_type_is_used_when_neither_message_nor_conversation_has_one()
    {
        var story = new Scenario()
            .Receive("GROUPlive", "m1", with: m => m with { ProfileGroupType = GroupType.AVChatRoom })
            .Receive("GROUPlive", "m2", with: m => m with { ProfileGroupType = GroupType.AVChatRoom });

        Assert.Equal(0, story["GROUPlive"].UnreadCount);
        Assert.Equal(0, story.TotalUnread);
    }

    [Fact]
    public void The_group_profile_type_does_not_override_a_stored_groupType()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { GroupType = GroupType.Work })
            .Receive("GROUPg1", "m2", with: m => m with { ProfileGroupType = GroupType.AVChatRoom });

        Assert.Equal(2, story["GROUPg1"].UnreadCount);
        Assert.Equal(GroupType.Work, story["GROUPg1"].GroupType);
    }

    [Fact]
    public void The_group_profile_type_does_not_override_the_message_groupType()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m1", with: m => m with { GroupType = GroupType.Work, ProfileGroupType = GroupType.AVChatRoom });

        Assert.Equal(1, story["GROUPg1"].UnreadCount);
    }

    [Theory]
    [InlineData(false, true, AtType.AtMe)]
    [InlineData(true, false, AtType.AtAll)]
    [InlineData(true, true, AtType.AtAllAtMe)]
    public void An_incoming_group_message_mentioning_the_owner_or_all_adds_an_at_entry(bool atAll, bool atMe, AtType expected)
    {
        var story = new Scenario().Receive("GROUPg1", "m1", with: m => m with
        {
            AtAll = atAll,
            AtUserIDs = atMe ? ["carol", Scenario.Owner] : ["carol"],
        });

        Assert.Equal([new GroupAtInfo("m1", expected)], story["GROUPg1"].GroupAtInfoList);
    }

    [Fact]
    public void A_mention_of_someone_else_adds_no_at_entry()
    {
        var story = new Scenario().Receive("GROUPg1", "m1", with: m => m with { AtUserIDs = ["carol"] });

        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
    }

    [Fact]
    public void At_entries_are_only_for_group_conversations()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", with: m => m with { AtAll = true, AtUserIDs = [Scenario.Owner] });

        Assert.Empty(story["C2Cbob"].GroupAtInfoList);
    }

    [Fact]
    public void The_owners_own_mentions_add_no_at_entry()
    {
        var story = new Scenario().Receive("GROUPg1", "m1", from: Scenario.Owner, with: m => m with { AtAll = true, AtUserIDs = [Scenario.Owner] });

        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
    }

    [Fact]
    public void At_entries_are_recorded_even_under_NOT_RECEIVE_countsUnread_false_and_AVChatRoom()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "m0")
            .RecvOpt("GROUPg1", RecvOpt.NotReceive)
            .Receive("GROUPg1", "m1", with: m => m with { AtAll = true })
            .Receive("GROUPg1", "m2", with: m => m with { AtUserIDs = [Scenario.Owner], CountsUnread = false })
            .Receive("GROUPlive", "m3", with: m => m with { AtAll = true, GroupType = GroupType.AVChatRoom });

        Assert.Equal([new GroupAtInfo("m1", AtType.AtAll), new GroupAtInfo("m2", AtType.AtMe)], story["GROUPg1"].GroupAtInfoList);
        Assert.Equal(1, story["GROUPg1"].UnreadCount);
        Assert.Single(story["GROUPlive"].GroupAtInfoList);
    }

    [Fact]
    public void Total_unread_sums_the_conversations_whose_recvOpt_is_RECEIVE()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "b1").Receive("C2Cbob", "b2")
            .Receive("C2Ccarol", "c1", from: "carol")
            .Receive("GROUPg1", "g1").Receive("GROUPg1", "g2").Receive("GROUPg1", "g3")
            .RecvOpt("GROUPg1", RecvOpt.ReceiveNotNotify)
            .Receive("C2Cdave", "d1", from: "dave")
            .RecvOpt("C2Cdave", RecvOpt.NotReceive);

        Assert.Equal(3, story.TotalUnread);
        Assert.Equal(7, story.List.Sum(c => c.UnreadCount));
    }

    [Fact]
    public void A_user_with_no_events_has_an_empty_list_and_no_unread()
    {
        var story = new Scenario();

        Assert.Empty(story.List);
        Assert.Equal(0, story.TotalUnread);
        Assert.True(story.Page(Queries.PagePosition.Start, 10).IsFinished);
    }
}
