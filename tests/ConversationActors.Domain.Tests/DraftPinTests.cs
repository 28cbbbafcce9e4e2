using ConversationActors.Domain.Events;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 draft and pin rows, 3.4 idempotent PUTs and the list order.</summary>
public class DraftPinTests
{
    [Fact]
    public void A_draft_is_stored_with_server_time_and_activates_the_conversation()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol");
        var at = story.Now;

        story.Draft("C2Cbob", "see you");

        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
        Assert.Equal("see you", story["C2Cbob"].DraftText);
        Assert.Equal(at, story["C2Cbob"].DraftTimestamp);
    }

    [Fact]
    public void A_draft_creates_a_missing_conversation()
    {
        var story = new Scenario().Draft("GROUPg1", "hello team");

        Assert.Null(story["GROUPg1"].LastMessage);
        Assert.Equal("hello team", story["GROUPg1"].DraftText);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_draft_or_DELETE_clears_it_without_activation(string? text)
    {
        var story = new Scenario().Draft("C2Cbob", "x").Receive("C2Ccarol", "c1", from: "carol");

        story.Accepts<DraftCleared>(Cmd.Draft("C2Cbob", text));

        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);
        Assert.Null(story["C2Cbob"].DraftText);
        Assert.Null(story["C2Cbob"].DraftTimestamp);
    }

    [Fact]
    public void Setting_the_same_draft_again_records_nothing_and_activates_nothing()
    {
        var story = new Scenario().Draft("C2Cbob", "x").Receive("C2Ccarol", "c1", from: "carol");

        story.ChangesNothing(Cmd.Draft("C2Cbob", "x"));

        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);
    }

    [Fact]
    public void Clearing_an_absent_draft_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        story.ChangesNothing(Cmd.Draft("C2Cbob", null));
    }

    [Fact]
    public void A_changed_draft_is_stored_and_activates_again()
    {
        var story = new Scenario().Draft("C2Cbob", "x").Receive("C2Ccarol", "c1", from: "carol");
        var at = story.Now;

        story.Draft("C2Cbob", "xy");

        Assert.Equal("xy", story["C2Cbob"].DraftText);
        Assert.Equal(at, story["C2Cbob"].DraftTimestamp);
        Assert.Equal("C2Cbob", story.Ids[0]);
    }

    [Fact]
    public void A_whitespace_draft_is_a_draft()
    {
        var story = new Scenario().Draft("C2Cbob", " ");

        Assert.Equal(" ", story["C2Cbob"].DraftText);
    }

    [Fact]
    public void Pinned_conversations_come_first_even_after_newer_messages()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1")
            .Pin("C2Cbob")
            .Receive("C2Ccarol", "c1", from: "carol")
            .Receive("GROUPg1", "g1");

        Assert.Equal(["C2Cbob", "GROUPg1", "C2Ccarol"], story.Ids);
        Assert.True(story["C2Cbob"].IsPinned);
    }

    [Fact]
    public void Pinning_activates_so_the_latest_pinned_comes_first_among_pinned()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1")
            .Receive("C2Ccarol", "c1", from: "carol")
            .Pin("C2Ccarol")
            .Pin("C2Cbob");

        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
        Assert.Equal(4, story["C2Cbob"].OrderKey);
    }

    [Fact]
    public void A_message_in_a_pinned_conversation_moves_it_to_the_top_of_the_pinned_ones()
    {
        var story = new Scenario().Pin("C2Cbob").Pin("C2Ccarol").Receive("C2Cbob", "m1");

        Assert.Equal(["C2Cbob", "C2Ccarol"], story.Ids);
    }

    [Fact]
    public void Pin_creates_a_missing_conversation()
    {
        var story = new Scenario().Pin("@TIM#SYSTEM");

        Assert.True(story["@TIM#SYSTEM"].IsPinned);
        Assert.Null(story["@TIM#SYSTEM"].LastMessage);
    }

    [Fact]
    public void Unpinning_does_not_activate_and_the_conversation_returns_to_its_orderKey_place()
    {
        var story = new Scenario()
            .Receive("C2Cbob", "m1")
            .Receive("C2Ccarol", "c1", from: "carol")
            .Pin("C2Cbob")
            .Receive("C2Cdave", "d1", from: "dave");
        Assert.Equal(["C2Cbob", "C2Cdave", "C2Ccarol"], story.Ids);

        story.Unpin("C2Cbob");

        Assert.Equal(["C2Cdave", "C2Cbob", "C2Ccarol"], story.Ids);
        Assert.False(story["C2Cbob"].IsPinned);
        Assert.Equal(3, story["C2Cbob"].OrderKey);
    }

    [Fact]
    public void Pinning_a_pinned_conversation_records_nothing_and_activates_nothing()
    {
        var story = new Scenario().Pin("C2Cbob").Pin("C2Ccarol");

        story.ChangesNothing(Cmd.Pin("C2Cbob"));

        Assert.Equal(["C2Ccarol", "C2Cbob"], story.Ids);
    }

    [Fact]
    public void Unpinning_an_unpinned_conversation_records_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        story.ChangesNothing(Cmd.Pin("C2Cbob", false));
    }

    [Fact]
    public void The_list_keeps_spec_order_pinned_first_then_orderKey_descending()
    {
        var story = new Scenario()
            .Receive("C2Ca", "1", from: "a")
            .Receive("C2Cb", "2", from: "b")
            .Pin("C2Ca")
            .Receive("C2Cc", "3", from: "c")
            .Draft("C2Cd", "draft")
            .Pin("C2Cc")
            .Receive("C2Cb", "4", from: "b");

        var list = story.List;
        Assert.Equal(["C2Cc", "C2Ca", "C2Cb", "C2Cd"], story.Ids);
        Assert.Equal(list.OrderBy(c => c.IsPinned ? 0 : 1).ThenByDescending(c => c.OrderKey).Select(c => c.ConversationID), story.Ids);
    }
}
