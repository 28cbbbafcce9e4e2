using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 duplicate msgIDs and 3.4 "dedupe memory survives".</summary>
public class DedupeTests
{
    [Fact]
    public void A_duplicate_msgID_in_the_same_conversation_is_ignored()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", Scenario.Start).Receive("C2Cbob", "m2");

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start));
        story.ChangesNothing(Cmd.Message("C2Cbob", "m2", "bob", story.Now) with { Summary = "edited" });

        Assert.Equal(2, story["C2Cbob"].UnreadCount);
        Assert.Equal(2, story.Stats("C2Cbob")!.MessageCount);
    }

    [Fact]
    public void A_duplicate_sent_through_a_flutter_alias_is_still_a_duplicate()
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        story.ChangesNothing(Cmd.Message("c2c_bob", "m1", "bob", story.Now));
    }

    [Fact]
    public void The_same_msgID_in_another_conversation_is_a_different_message()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("GROUPg1", "m1");

        Assert.Equal(2, story.List.Count);
    }

    [Fact]
    public void A_retried_message_does_not_bring_a_deleted_conversation_back()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", Scenario.Start).Delete("C2Cbob");

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start));

        Assert.Null(story.Find("C2Cbob"));
    }

    [Fact]
    public void A_retried_message_after_clear_history_changes_nothing()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", Scenario.Start).ClearHistory("C2Cbob");

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start));

        Assert.Null(story["C2Cbob"].LastMessage);
    }

    [Fact]
    public void A_retried_message_after_expiry_does_not_recreate_the_conversation()
    {
        var story = new Scenario().Receive("C2Cbob", "m1", Scenario.Start).Wait(TimeSpan.FromDays(8));

        story.ChangesNothing(Cmd.Message("C2Cbob", "m1", "bob", Scenario.Start));
    }

    [Fact]
    public void The_window_remembers_the_latest_keys_of_the_whole_set()
    {
        var story = new Scenario(Settings.Dedupe(3))
            .Receive("C2Ca", "1", Scenario.Start + 1, from: "a")
            .Receive("C2Cb", "2", Scenario.Start + 2, from: "b")
            .Receive("C2Cb", "3", Scenario.Start + 3, from: "b")
            .Receive("C2Cc", "4", Scenario.Start + 4, from: "c");

        Assert.Equal([DedupeKey.Of("C2Cb", "2"), DedupeKey.Of("C2Cb", "3"), DedupeKey.Of("C2Cc", "4")], story.State.Dedupe.OldestFirst);
        story.ChangesNothing(Cmd.Message("C2Cb", "2", "b", Scenario.Start + 2));
    }

    [Fact]
    public void The_current_lastMessage_is_recognised_even_when_it_has_left_the_window()
    {
        var story = new Scenario(Settings.Dedupe(1)).Receive("C2Ca", "1", from: "a").Receive("C2Cb", "2", from: "b");

        story.ChangesNothing(Cmd.Message("C2Ca", "1", "a", Scenario.Start));
    }

    [Fact]
    public void A_message_forgotten_by_the_window_is_applied_again_as_documented()
    {
        var story = new Scenario(Settings.Dedupe(1))
            .Receive("C2Ca", "2", Scenario.Start + 2, from: "a")
            .Receive("C2Ca", "1", Scenario.Start + 1, from: "a")
            .Receive("C2Cb", "x", from: "b");

        story.Receive("C2Ca", "1", Scenario.Start + 1, from: "a");

        Assert.Equal(3, story.Stats("C2Ca")!.MessageCount);
    }

    [Fact]
    public void The_default_window_is_ten_thousand_keys()
    {
        Assert.Equal(10_000, ConversationSettings.Default.DedupeWindow);
        Assert.Equal(10_000, new Scenario().State.Dedupe.Capacity);
    }
}
