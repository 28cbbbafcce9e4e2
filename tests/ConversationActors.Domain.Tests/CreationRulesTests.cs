using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests;

/// <summary>SPEC 3.4 "which actions create a conversation": the others answer CONVERSATION_NOT_FOUND.</summary>
public class CreationRulesTests
{
    public static TheoryData<string> NonCreatingActions => ["read", "recvOpt", "clearHistory", "delete", "revoke", "unpin", "clearDraft"];

    private static IConversationCommand Action(string name, string conversationID) => name switch
    {
        "read" => Cmd.Read(conversationID),
        "recvOpt" => Cmd.RecvOpt(conversationID, Model.RecvOpt.NotReceive),
        "clearHistory" => Cmd.ClearHistory(conversationID),
        "delete" => Cmd.Delete(conversationID),
        "revoke" => Cmd.Revoke(conversationID, "m1"),
        "unpin" => Cmd.Pin(conversationID, false),
        "clearDraft" => Cmd.Draft(conversationID, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(NonCreatingActions))]
    public void An_action_on_a_missing_conversation_is_not_found_naming_it(string action)
    {
        var story = new Scenario().Receive("C2Cbob", "m1");

        var refusal = story.Refuses(Action(action, "c2c_carol"), ErrorCode.ConversationNotFound);

        Assert.Contains("C2Ccarol", refusal.Desc);
        Assert.Null(story.Find("C2Ccarol"));
    }

    [Theory]
    [MemberData(nameof(NonCreatingActions))]
    public void An_action_on_an_expired_conversation_is_not_found(string action)
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Wait(TimeSpan.FromDays(8));

        story.Refuses(Action(action, "C2Cbob"), ErrorCode.ConversationNotFound);
    }

    [Theory]
    [MemberData(nameof(NonCreatingActions))]
    public void An_action_on_a_deleted_conversation_is_not_found(string action)
    {
        var story = new Scenario().Receive("C2Cbob", "m1").Delete("C2Cbob");

        story.Refuses(Action(action, "C2Cbob"), ErrorCode.ConversationNotFound);
    }

    [Fact]
    public void A_message_a_non_empty_draft_and_a_pin_each_create_a_missing_conversation()
    {
        var story = new Scenario();

        story.Accepts<MessageAdded>(Cmd.Message("C2Ca", "m1", "a", story.Now));
        story.Accepts<DraftSet>(Cmd.Draft("C2Cb", "d"));
        story.Accepts<ConversationPinned>(Cmd.Pin("C2Cc"));

        Assert.Equal(["C2Cc", "C2Cb", "C2Ca"], story.Ids);
    }
}
