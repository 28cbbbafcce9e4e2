using System.Text.Json;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 4.1 batch: the named conversations that exist, in the order asked, each once.</summary>
public class BatchTests
{
    [Fact]
    public void The_batch_answers_in_the_order_asked_each_once_leaving_out_missing_ones()
    {
        var story = new Scenario().Receive("C2Ca", "1", from: "a").Receive("C2Cb", "2", from: "b").Pin("C2Ca");

        var batch = story.Batch("C2Cb", "C2Cnobody", "C2Ca", "C2Cb");

        Assert.Equal(["C2Cb", "C2Ca"], batch.Select(c => c.ConversationID));
    }

    [Fact]
    public void Deleted_and_expired_conversations_are_left_out()
    {
        var story = new Scenario()
            .Receive("C2Cold", "1", from: "old")
            .Wait(TimeSpan.FromDays(8))
            .Receive("C2Ca", "2", from: "a")
            .Receive("C2Cgone", "3", from: "gone")
            .Delete("C2Cgone");

        Assert.Equal(["C2Ca"], story.Batch("C2Cold", "C2Ca", "C2Cgone").Select(c => c.ConversationID));
    }

    [Fact]
    public void A_batch_of_unknown_conversations_is_empty()
    {
        Assert.Empty(new Scenario().Batch("C2Ca", "GROUPg"));
    }

    [Fact]
    public void Batch_answers_carry_the_same_fields_as_the_list()
    {
        var story = new Scenario().Receive("GROUPg1", "1", with: m => m with { AtAll = true }).Remark("bob", "B").Receive("C2Cbob", "2");

        Assert.Equal(JsonSerializer.Serialize(story.List.Reverse()), JsonSerializer.Serialize(story.Batch("GROUPg1", "C2Cbob")));
    }
}
