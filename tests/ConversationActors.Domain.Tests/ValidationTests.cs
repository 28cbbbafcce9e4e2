using System.Text;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 4.2 and 5: the limits the domain owns. Every refusal is INVALID_PARAMETER naming its field.</summary>
public class ValidationTests
{
    private static readonly long FiveMinutes = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    [Fact]
    public void A_summary_of_512_characters_is_accepted()
    {
        var story = new Scenario();
        story.Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now, new string('s', 512)));
    }

    [Fact]
    public void A_summary_of_513_characters_is_refused_naming_summary_and_the_limit()
    {
        var story = new Scenario();
        var refusal = story.Refuses(Cmd.Message("C2Cbob", "m1", "bob", story.Now, new string('s', 513)), ErrorCode.InvalidParameter);

        Assert.Contains("summary", refusal.Desc);
        Assert.Contains("512", refusal.Desc);
    }

    [Fact]
    public void A_message_a_fan_out_already_checked_is_not_checked_again_by_each_target()
    {
        // Issue 27: the gateway checks a fan-out's message once for every target; the targets take its word.
        var story = new Scenario();
        var message = Cmd.Message("C2Cbob", "m1", "bob", story.Now, new string('s', 513));
        Assert.NotNull(Fold.Decider.Decide(story.State, message, story.Now, story.Settings).Refusal);
        Assert.Single(Fold.Decider.Decide(story.State, message, story.Now, story.Settings, messageChecked: true).Events);
    }

    [Fact]
    public void Summary_length_counts_characters_not_bytes()
    {
        var story = new Scenario();
        story.Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now, new string('字', 512)));
    }

    [Fact]
    public void An_empty_summary_is_accepted()
    {
        var story = new Scenario();
        story.Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now, ""));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void A_timestamp_that_is_not_positive_is_refused_naming_timestamp(long timestamp)
    {
        var refusal = new Scenario().Refuses(Cmd.Message("C2Cbob", "m1", "bob", timestamp), ErrorCode.InvalidParameter);

        Assert.StartsWith("timestamp", refusal.Desc);
    }

    [Fact]
    public void A_timestamp_exactly_five_minutes_ahead_of_server_time_is_accepted()
    {
        var story = new Scenario();
        story.Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now + FiveMinutes));
    }

    [Fact]
    public void A_timestamp_more_than_five_minutes_ahead_is_refused_naming_timestamp_and_the_limit()
    {
        var story = new Scenario();
        var refusal = story.Refuses(Cmd.Message("C2Cbob", "m1", "bob", story.Now + FiveMinutes + 1), ErrorCode.InvalidParameter);

        Assert.StartsWith("timestamp", refusal.Desc);
        Assert.Contains("5 minutes", refusal.Desc);
    }

    [Fact]
    public void A_timestamp_of_one_ms_is_accepted()
    {
        new Scenario(Settings.Forever).Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", 1));
    }

    [Fact]
    public void One_hundred_atUserIDs_are_accepted()
    {
        var story = new Scenario();
        var ids = Enumerable.Range(0, 100).Select(i => $"u{i}").ToArray();
        story.Accepts<Events.MessageAdded>(Cmd.Message("GROUPg1", "m1", "bob", story.Now) with { AtUserIDs = ids });
    }

    [Fact]
    public void One_hundred_and_one_atUserIDs_are_refused_naming_atUserIDs_and_the_limit()
    {
        var story = new Scenario();
        var ids = Enumerable.Range(0, 101).Select(i => $"u{i}").ToArray();
        var refusal = story.Refuses(Cmd.Message("GROUPg1", "m1", "bob", story.Now) with { AtUserIDs = ids }, ErrorCode.InvalidParameter);

        Assert.StartsWith("atUserIDs", refusal.Desc);
        Assert.Contains("100", refusal.Desc);
    }

    [Theory]
    [InlineData("C2Cbob")]
    [InlineData("@TIM#SYSTEM")]
    public void A_groupType_on_a_message_outside_a_group_is_refused_naming_groupType(string conversationID)
    {
        var story = new Scenario();
        var refusal = story.Refuses(Cmd.Message(conversationID, "m1", "bob", story.Now) with { GroupType = GroupType.Work }, ErrorCode.InvalidParameter);

        Assert.StartsWith("groupType", refusal.Desc);
    }

    [Fact]
    public void A_draft_of_exactly_8_KiB_of_utf8_is_accepted()
    {
        new Scenario().Accepts<Events.DraftSet>(Cmd.Draft("C2Cbob", new string('d', 8192)));
        new Scenario().Accepts<Events.DraftSet>(Cmd.Draft("C2Cbob", new string('é', 4096)));
    }

    [Fact]
    public void A_draft_over_8_KiB_of_utf8_is_refused_naming_draftText_and_the_limit()
    {
        var refusal = new Scenario().Refuses(Cmd.Draft("C2Cbob", new string('d', 8193)), ErrorCode.InvalidParameter);
        Assert.StartsWith("draftText", refusal.Desc);
        Assert.Contains("8192", refusal.Desc);

        // 4,097 two-byte characters: 8,194 bytes although only 4,097 characters.
        Assert.Equal(8194, Encoding.UTF8.GetByteCount(new string('é', 4097)));
        new Scenario().Refuses(Cmd.Draft("C2Cbob", new string('é', 4097)), ErrorCode.InvalidParameter);
    }

    [Fact]
    public void An_oversized_draft_on_a_missing_conversation_is_invalid_rather_than_not_found()
    {
        new Scenario().Refuses(Cmd.Draft("C2Cbob", new string('d', 9000)), ErrorCode.InvalidParameter);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_read_up_to_a_timestamp_that_is_not_positive_is_refused_naming_upToTimestamp(long upTo)
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        var refusal = story.Refuses(Cmd.Read("C2Cbob", upTo), ErrorCode.InvalidParameter);

        Assert.StartsWith("upToTimestamp", refusal.Desc);
    }

    [Fact]
    public void A_refused_message_leaves_no_trace_so_the_same_msgID_can_be_sent_correctly_later()
    {
        var story = new Scenario();
        story.Refuses(Cmd.Message("C2Cbob", "m1", "bob", story.Now + FiveMinutes + 1), ErrorCode.InvalidParameter);

        story.Accepts<Events.MessageAdded>(Cmd.Message("C2Cbob", "m1", "bob", story.Now));

        Assert.Single(story.Events);
    }
}
