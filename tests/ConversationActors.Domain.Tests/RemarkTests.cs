using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.3 friend remark set (first in line for a C2C showName) and its 96-byte limit.</summary>
public class RemarkTests
{
    [Fact]
    public void A_remark_names_the_c2c_conversation_with_that_peer_only()
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Receive("C2Ccarol", "c1", from: "carol").Receive("GROUPbob", "g1");
        var order = story.Ids;

        story.Accepts<FriendRemarkSet>(Cmd.Remark("bob", "Bobby"));

        Assert.Equal("Bobby", story["C2Cbob"].FriendRemark);
        Assert.Null(story["C2Ccarol"].FriendRemark);
        Assert.Null(story["GROUPbob"].FriendRemark);
        Assert.Equal(order, story.Ids);
    }

    [Fact]
    public void A_remark_set_before_the_conversation_exists_applies_when_it_appears()
    {
        var story = new Scenario().Remark("bob", "Bobby").Receive("C2Cbob", "m1");

        Assert.Equal("Bobby", story["C2Cbob"].FriendRemark);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void An_empty_or_null_remark_removes_it(string? remark)
    {
        var story = new Scenario().Remark("bob", "Bobby").Receive("C2Cbob", "m1");

        story.Accepts<FriendRemarkSet>(Cmd.Remark("bob", remark));

        Assert.Null(story["C2Cbob"].FriendRemark);
        Assert.Empty(story.State.Remarks);
    }

    [Fact]
    public void Setting_the_same_remark_records_nothing()
    {
        var story = new Scenario().Remark("bob", "Bobby");

        story.ChangesNothing(Cmd.Remark("bob", "Bobby"));
        story.ChangesNothing(Cmd.Remark("carol", null));
    }

    [Fact]
    public void A_remark_of_96_utf8_bytes_is_accepted_and_97_refused_naming_remark()
    {
        var story = new Scenario();
        story.Accepts<FriendRemarkSet>(Cmd.Remark("bob", new string('r', 96)));
        story.Accepts<FriendRemarkSet>(Cmd.Remark("carol", new string('名', 32)));

        var refusal = story.Refuses(Cmd.Remark("dave", new string('r', 97)), ErrorCode.InvalidParameter);
        Assert.StartsWith("remark", refusal.Desc);
        Assert.Contains("96", refusal.Desc);

        story.Refuses(Cmd.Remark("dave", new string('名', 33)), ErrorCode.InvalidParameter);
    }

    [Theory]
    [InlineData("bo b")]
    [InlineData("")]
    [InlineData("a/b")]
    public void A_remark_for_a_malformed_peerID_is_refused_naming_peerID(string peerID)
    {
        var refusal = new Scenario().Refuses(Cmd.Remark(peerID, "x"), ErrorCode.InvalidParameter);

        Assert.StartsWith("peerID", refusal.Desc);
    }
}
