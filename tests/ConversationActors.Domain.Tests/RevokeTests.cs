using ConversationActors.Domain.Events;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 and 3.4 revoke.</summary>
public class RevokeTests
{
    [Fact]
    public void Revoking_the_lastMessage_marks_it_revoked_and_replaces_its_summary()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol");
        var before = story.Ids;

        story.Accepts<MessageRevoked>(Cmd.Revoke("C2Cbob", "m1"));

        var last = story["C2Cbob"].LastMessage!;
        Assert.True(last.IsRevoked);
        Assert.Equal("[message revoked]", last.Summary);
        Assert.Equal("m1", last.MsgID);
        Assert.Equal(before, story.Ids);
    }

    [Fact]
    public void Unread_never_goes_down_on_revoke()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Cbob", "m2").Revoke("C2Cbob", "m2");

        Assert.Equal(2, story["C2Cbob"].UnreadCount);
    }

    [Fact]
    public void Revoking_another_or_an_unknown_message_succeeds_without_change()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Cbob", "m2");

        story.ChangesNothing(Cmd.Revoke("C2Cbob", "m1"));
        story.ChangesNothing(Cmd.Revoke("C2Cbob", "nope"));
        Assert.False(story["C2Cbob"].LastMessage!.IsRevoked);
    }

    [Fact]
    public void Revoking_a_message_that_mentioned_the_owner_removes_its_at_entry_even_when_not_the_lastMessage()
    {
        var story = new Scenario()
            .Receive("GROUPg1", "g1", with: m => m with { AtUserIDs = [Scenario.Owner] })
            .Receive("GROUPg1", "g2", with: m => m with { AtAll = true })
            .Receive("GROUPg1", "g3");

        story.Accepts<MessageRevoked>(Cmd.Revoke("GROUPg1", "g1"));

        var conversation = story["GROUPg1"];
        Assert.Equal([AtType.AtAll], conversation.GroupAtInfoList.Select(a => a.AtType));
        Assert.False(conversation.LastMessage!.IsRevoked);
        Assert.Equal(3, conversation.UnreadCount);
        story.ChangesNothing(Cmd.Revoke("GROUPg1", "g1"));
    }

    [Fact]
    public void Revoking_the_lastMessage_that_mentioned_the_owner_removes_its_at_entry_too()
    {
        var story = new Scenario().Receive("GROUPg1", "g1", with: m => m with { AtUserIDs = [Scenario.Owner] });

        story.Accepts<MessageRevoked>(Cmd.Revoke("GROUPg1", "g1"));

        Assert.Empty(story["GROUPg1"].GroupAtInfoList);
        Assert.True(story["GROUPg1"].LastMessage!.IsRevoked);
        Assert.Equal(1, story["GROUPg1"].UnreadCount);
    }

    [Fact]
    public void Revoking_twice_records_once()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Revoke("C2Cbob", "m1");

        story.ChangesNothing(Cmd.Revoke("C2Cbob", "m1"));
    }

    [Fact]
    public void A_newer_message_after_a_revoke_replaces_the_revoked_lastMessage()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Revoke("C2Cbob", "m1");
        var sent = story.Now;

        story.Receive("C2Cbob", "m2");

        Assert.Equal(new LastMessage("m2", "bob", sent, ElemType.Text, "hello", false, false), story["C2Cbob"].LastMessage);
    }

    [Fact]
    public void Revoking_after_clear_history_changes_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").ClearHistory("C2Cbob");

        story.ChangesNothing(Cmd.Revoke("C2Cbob", "m1"));
    }
}
