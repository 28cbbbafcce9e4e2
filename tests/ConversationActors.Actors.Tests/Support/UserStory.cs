using ConversationActors.Actors.Services;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A user's day that touches every event type and every field of the list: C2C, group (with @ entries,
/// a partial read, a sticky groupType, a late message), an AVChatRoom, the system conversation, drafts,
/// pin and unpin, recvOpt, revoke, clearHistory, delete and a friend remark.
/// </summary>
public static class UserStory
{
    /// <summary>Plays the story for <paramref name="owner"/>; answers every applied message, for duplicate probes.</summary>
    public static async Task<Played> PlayAsync(IConversationService service, string owner)
    {
        var t = Now - 60_000;
        var messages = new List<AddMessage>();
        long lastSequenceNr = 0;

        async Task Send(IConversationCommand command)
        {
            var accepted = (await service.ExecuteAsync(owner, command, CancellationToken.None)).Ok();
            Assert.True(accepted.Applied, $"{command} should record an event");
            lastSequenceNr = accepted.SequenceNr;
            if (command is AddMessage message)
            {
                messages.Add(message);
            }
        }

        var bob = C2C("bob");
        var work = Group("@TGS#work");
        await Send(Message(bob, "m1", "bob", t + 1_000));
        await Send(Message(bob, "m2", owner, t + 2_000, "self reply"));
        await Send(Message(bob, "m3", "bob", t + 3_000));
        await Send(Message(bob, "m4", "bob", t + 4_000, "unread twice"));

        await Send(Message(work, "g1", "carol", t + 5_000, "@you", atUserIDs: [owner], groupType: GroupType.Work));
        await Send(Message(work, "g2", "carol", t + 6_000, "@all", atAll: true));
        await Send(Message(work, "g3", "dave", t + 7_000, "plain"));
        await Send(new MarkRead(work, t + 5_000));
        await Send(Message(work, "g0", "dave", t + 4_500, "late, read already"));

        await Send(Message(Group("live"), "a1", "eve", t + 8_000, "stream", groupType: GroupType.AVChatRoom));
        await Send(Message(ConversationId.System, "s1", "admin", t + 9_000, "maintenance tonight"));

        var dave = C2C("dave");
        await Send(new SetDraft(dave, "half a thought"));
        await Send(new SetPinned(work, true));
        await Send(new SetPinned(dave, true));
        await Send(new SetPinned(dave, false));

        await Send(new SetRecvOpt(bob, RecvOpt.NotReceive));
        await Send(Message(bob, "m5", "bob", t + 10_000, "muted, not counted"));
        await Send(new RevokeMessage(bob, "m5"));
        await Send(new SetFriendRemark("bob", "Bobby"));

        var erin = C2C("erin");
        await Send(Message(erin, "e1", "erin", t + 11_000));
        await Send(Message(erin, "e2", "erin", t + 12_000));
        await Send(new ClearHistory(erin));
        await Send(new SetDraft(erin, "after the clear"));

        var frank = C2C("frank");
        await Send(Message(frank, "f1", "frank", t + 13_000));
        await Send(new DeleteConversation(frank));

        await Send(Message(C2C("gina"), "x1", "gina", t + 14_000));
        await Send(new MarkRead(C2C("gina"), null));

        return new Played(messages, lastSequenceNr, t);
    }

    /// <param name="Messages">Every message the story applied, in order.</param>
    /// <param name="LastSequenceNr">The sequence number of the story's last event.</param>
    /// <param name="T">The story's base time: its message timestamps are T + 1,000 … T + 14,000.</param>
    public sealed record Played(IReadOnlyList<AddMessage> Messages, long LastSequenceNr, long T);
}
