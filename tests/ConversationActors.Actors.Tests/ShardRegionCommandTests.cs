using ConversationActors.Actors.Services;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>Every command through the conversations shard region, with Ask, answered as the SPEC says.</summary>
public sealed class ShardRegionCommandTests(SerializingNodeFixture fixture) : IClassFixture<SerializingNodeFixture>
{
    private ShardedConversationService Service => fixture.Node.Service;

    [Fact]
    public void The_node_under_test_serializes_every_message()
    {
        Assert.True(fixture.Node.System.Settings.SerializeAllMessages);
    }

    [Fact]
    public async Task A_message_creates_the_conversation_and_answers_it_with_the_event_sequence_number()
    {
        var t = Now - 10_000;
        var accepted = await ExecuteAsync("cmd-msg", Message(C2C("bob"), "m1", "bob", t, "hi there"));

        Assert.True(accepted.Applied);
        Assert.Equal(1, accepted.SequenceNr);
        var conversation = Assert.IsType<Domain.Queries.ConversationView>(accepted.Conversation);
        Assert.Equal("C2Cbob", conversation.ConversationID);
        Assert.Equal(ConversationType.C2C, conversation.Type);
        Assert.Equal("bob", conversation.UserID);
        Assert.Equal(new LastMessage("m1", "bob", t, ElemType.Text, "hi there", IsSelf: false, IsRevoked: false), conversation.LastMessage);
        Assert.Equal(1, conversation.UnreadCount);
        Assert.Equal(1, conversation.OrderKey);
    }

    [Fact]
    public async Task An_entity_knows_its_owner_exactly_from_its_escaped_name_even_with_url_characters()
    {
        // Sharded entities share one Props and read their userID back from their actor name (issue #14).
        const string owner = "@ü#%20+?&=é~";
        var t = Now - 10_000;
        var own = await ExecuteAsync(owner, Message(C2C("bob"), "own1", owner, t));
        var theirs = await ExecuteAsync(owner, Message(C2C("bob"), "their1", "bob", t + 1));
        var journal = await new Journal.JournalReader(fixture.Node.System).ReadAsync(owner, 1, long.MaxValue, CancellationToken.None);

        Assert.True(Assert.IsType<Domain.Queries.ConversationView>(own.Conversation).LastMessage!.IsSelf);
        Assert.Equal(1, Assert.IsType<Domain.Queries.ConversationView>(theirs.Conversation).UnreadCount);
        Assert.Equal(2, journal.Count);
    }

    [Fact]
    public async Task A_fan_out_delivery_is_persisted_and_answered_without_a_conversation()
    {
        var message = Message(C2C("bob"), "d1", "bob", Now - 10_000);
        var delivered = (await Service.DeliverAsync("cmd-deliver", message, CancellationToken.None)).Ok();
        var again = (await Service.DeliverAsync("cmd-deliver", message, CancellationToken.None)).Ok();
        var stored = (await Service.GetConversationAsync("cmd-deliver", "C2Cbob", false, CancellationToken.None)).Ok();

        Assert.True(delivered.Applied);
        Assert.Equal(1, delivered.SequenceNr);
        Assert.Null(delivered.Conversation);
        Assert.False(again.Applied);
        Assert.Null(again.Conversation);
        Assert.Equal("d1", stored.Conversation!.LastMessage!.MsgID);
    }

    [Fact]
    public async Task A_duplicate_msgID_answers_not_applied_and_records_nothing()
    {
        var message = Message(C2C("bob"), "m1", "bob", Now - 10_000);
        var first = await ExecuteAsync("cmd-dup", message);
        var again = await ExecuteAsync("cmd-dup", message);

        Assert.True(first.Applied);
        Assert.False(again.Applied);
        Assert.Equal(first.SequenceNr, again.SequenceNr);
        Assert.Equal(1, again.Conversation!.UnreadCount);
    }

    [Fact]
    public async Task Group_messages_with_mentions_count_unread_and_fill_the_at_list()
    {
        var t = Now - 10_000;
        var group = Group("@TGS#2ABCDEF");
        await ExecuteAsync("cmd-group", Message(group, "g1", "carol", t, atUserIDs: ["cmd-group"], groupType: GroupType.Work));
        var answer = await ExecuteAsync("cmd-group", Message(group, "g2", "dave", t + 1, atAll: true));

        var conversation = answer.Conversation!;
        Assert.Equal("@TGS#2ABCDEF", conversation.GroupID);
        Assert.Equal(GroupType.Work, conversation.GroupType);
        Assert.Equal(2, conversation.UnreadCount);
        Assert.Equal([new GroupAtInfo("g1", AtType.AtMe), new GroupAtInfo("g2", AtType.AtAll)], conversation.GroupAtInfoList);
    }

    [Fact]
    public async Task Revoke_draft_pin_recvOpt_read_clearHistory_remark_and_delete_each_answer_their_effect()
    {
        const string owner = "cmd-actions";
        var bob = C2C("bob");
        var t = Now - 10_000;
        await ExecuteAsync(owner, Message(bob, "m1", "bob", t));
        await ExecuteAsync(owner, Message(bob, "m2", "bob", t + 1));

        var revoked = (await ExecuteAsync(owner, new RevokeMessage(bob, "m2"))).Conversation!;
        Assert.True(revoked.LastMessage!.IsRevoked);
        Assert.Equal(LastMessage.RevokedSummary, revoked.LastMessage.Summary);
        Assert.Equal(2, revoked.UnreadCount);

        var drafted = (await ExecuteAsync(owner, new SetDraft(bob, "see you"))).Conversation!;
        Assert.Equal("see you", drafted.DraftText);
        Assert.NotNull(drafted.DraftTimestamp);
        Assert.Equal(3, drafted.OrderKey);

        var sameDraft = await ExecuteAsync(owner, new SetDraft(bob, "see you"));
        Assert.False(sameDraft.Applied);

        var pinned = (await ExecuteAsync(owner, new SetPinned(bob, true))).Conversation!;
        Assert.True(pinned.IsPinned);
        Assert.Equal(4, pinned.OrderKey);

        var muted = (await ExecuteAsync(owner, new SetRecvOpt(bob, RecvOpt.NotReceive))).Conversation!;
        Assert.Equal(RecvOpt.NotReceive, muted.RecvOpt);
        Assert.Equal(2, muted.UnreadCount);

        var partlyRead = (await ExecuteAsync(owner, new MarkRead(bob, t))).Conversation!;
        Assert.Equal(1, partlyRead.UnreadCount);

        var remarked = (await ExecuteAsync(owner, new SetFriendRemark("bob", "Bobby"))).Conversation!;
        Assert.Equal("Bobby", remarked.FriendRemark);

        var cleared = (await ExecuteAsync(owner, new ClearHistory(bob))).Conversation!;
        Assert.Null(cleared.LastMessage);
        Assert.Equal(0, cleared.UnreadCount);

        var undrafted = (await ExecuteAsync(owner, new SetDraft(bob, null))).Conversation!;
        Assert.Null(undrafted.DraftText);

        var unpinned = (await ExecuteAsync(owner, new SetPinned(bob, false))).Conversation!;
        Assert.False(unpinned.IsPinned);

        var deleted = await ExecuteAsync(owner, new DeleteConversation(bob));
        Assert.True(deleted.Applied);
        Assert.Null(deleted.Conversation);
        Assert.Equal(12, deleted.SequenceNr);
        Assert.Null((await Service.GetConversationAsync(owner, bob.Value, withStats: false, CancellationToken.None)).Ok().Conversation);
    }

    [Fact]
    public async Task A_retried_message_of_a_deleted_conversation_does_not_bring_it_back()
    {
        const string owner = "cmd-deleted-retry";
        var message = Message(C2C("frank"), "f1", "frank", Now - 10_000);
        await ExecuteAsync(owner, message);
        await ExecuteAsync(owner, new DeleteConversation(C2C("frank")));

        var retry = await ExecuteAsync(owner, message);

        Assert.False(retry.Applied);
        Assert.Null(retry.Conversation);
        Assert.Empty((await Service.GetPageAsync(owner, Domain.Queries.PagePosition.Start, 100, CancellationToken.None)).Ok().ConversationList);
    }

    [Fact]
    public async Task Actions_on_a_missing_conversation_answer_CONVERSATION_NOT_FOUND()
    {
        const string owner = "cmd-missing";
        var nobody = C2C("nobody");
        IConversationCommand[] commands =
        [
            new RevokeMessage(nobody, "m1"), new SetDraft(nobody, null), new SetPinned(nobody, false),
            new SetRecvOpt(nobody, RecvOpt.NotReceive), new MarkRead(nobody, null), new ClearHistory(nobody),
            new DeleteConversation(nobody),
        ];

        foreach (var command in commands)
        {
            var refusal = (await Service.ExecuteAsync(owner, command, CancellationToken.None)).Refused(ErrorCode.ConversationNotFound);
            Assert.Contains("C2Cnobody", refusal.Desc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invalid_commands_answer_INVALID_PARAMETER_and_change_nothing()
    {
        const string owner = "cmd-invalid";
        (await Service.ExecuteAsync(owner, Message(C2C("bob"), "m1", "bob", Now + 3_600_000), CancellationToken.None))
            .Refused(ErrorCode.InvalidParameter);
        (await Service.ExecuteAsync(owner, Message(C2C("bob"), "bad id", "bob", Now), CancellationToken.None))
            .Refused(ErrorCode.InvalidParameter);
        (await Service.ExecuteAsync(owner, new SetDraft(C2C("bob"), new string('x', 9000)), CancellationToken.None))
            .Refused(ErrorCode.InvalidParameter);
        (await Service.ExecuteAsync(owner, new SetFriendRemark("bad/peer", "x"), CancellationToken.None))
            .Refused(ErrorCode.InvalidParameter);

        Assert.Empty((await Service.GetPageAsync(owner, Domain.Queries.PagePosition.Start, 100, CancellationToken.None)).Ok().ConversationList);
        var written = await ExecuteAsync(owner, Message(C2C("bob"), "m1", "bob", Now - 1_000));
        Assert.Equal(1, written.SequenceNr);
    }

    [Fact]
    public async Task Users_are_separate_entities_of_the_same_region()
    {
        await ExecuteAsync("cmd-user-a", Message(C2C("bob"), "m1", "bob", Now - 1_000));

        Assert.Equal(0, (await Service.GetTotalUnreadAsync("cmd-user-b", CancellationToken.None)).Ok());
        Assert.Equal(1, (await Service.GetTotalUnreadAsync("cmd-user-a", CancellationToken.None)).Ok());
        var entities = await fixture.Node.LiveConversationEntitiesAsync();
        Assert.Contains("cmd-user-a", entities);
        Assert.Contains("cmd-user-b", entities);
    }

    private async Task<Protocol.CommandAccepted> ExecuteAsync(string owner, IConversationCommand command) =>
        (await Service.ExecuteAsync(owner, command, CancellationToken.None)).Ok();
}
