using ConversationActors.Actors.Protocol;
using ConversationActors.Domain;
using ConversationActors.Domain.Changes;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Events;
using ConversationActors.Domain.Fold;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.Profiles;
using ConversationActors.Domain.Queries;
using ConversationActors.Domain.State;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests.Support;

/// <summary>
/// A sample of every type the serializer knows, each field set to a non-default value so that a field
/// lost on the way back shows. The snapshot is a real fold of a varied history.
/// </summary>
public static class Samples
{
    private const long T = 1_790_000_000_000;

    public static IReadOnlyDictionary<string, object> All { get; } = Build();

    /// <summary>A set folded by the real decider and fold: C2C, group with @ and partial read, draft, pin, remark, delete.</summary>
    public static ConversationSet FoldedSet()
    {
        var now = T + 100_000;
        var settings = ConversationSettings.Default with { Retention = TimeSpan.Zero };
        var set = ConversationSet.Empty("owner", settings.DedupeWindow);
        var bobId = C2C("bob");
        IConversationCommand[] commands =
        [
            Message(C2C("bob"), "m1", "bob", T + 1), Message(C2C("bob"), "m2", "owner", T + 2),
            Message(Group("@TGS#g"), "g1", "carol", T + 3, atUserIDs: ["owner"], groupType: GroupType.Public),
            Message(Group("@TGS#g"), "g2", "carol", T + 4, atAll: true), new MarkRead(Group("@TGS#g"), T + 3),
            new SetDraft(C2C("dave"), "draft"), new SetPinned(Group("@TGS#g"), true), new SetRecvOpt(C2C("bob"), RecvOpt.ReceiveNotNotify),
            new SetFriendRemark("bob", "Bobby"), Message(C2C("erin"), "e1", "erin", T + 5), new ClearHistory(C2C("erin")),
            Message(C2C("frank"), "f1", "frank", T + 6), new DeleteConversation(C2C("frank")),
            Message(ConversationId.System, "s1", "admin", T + 7), new RevokeMessage(ConversationId.System, "s1"),
            new MarkConversations([bobId, Group("@TGS#g")], ConversationMarks.Star, true), new MarkConversations([C2C("dave")], 1UL << 40, true),
            new SetConversationCustomData([Group("@TGS#g")], "{\"k\":1}"), new CreateConversationGroup("work", [Group("@TGS#g"), bobId]),
        ];
        foreach (var command in commands)
        {
            var decision = Decider.Decide(set, command, now, settings);
            if (decision.Events.Count == 0)
            {
                throw new InvalidOperationException($"{command} recorded nothing: {decision.Refusal}");
            }

            set = decision.Events.Aggregate(set, (s, e) => s.Apply(e));
        }

        return set;
    }

    private static Dictionary<string, object> Build()
    {
        var set = FoldedSet();
        var view = ListQueries.Get(set, "GROUP@TGS#g", T + 100_000, 0)!;
        var page = ListQueries.Page(set, PagePosition.Start, 2, T + 100_000, 0);
        var bob = C2C("bob");
        var userProfile = new UserProfile("bob", "Bob", "https://b/f.png", "hello");
        var groupProfile = new GroupProfile("@TGS#g", "Group", "https://g/f.png", GroupType.Community, "intro", "notice", "carol", 42);

        IConversationCommand[] commands =
        [
            new AddMessage(Group("@TGS#g"), "g9", "carol", T, ElemType.Image, "[image]", ["owner", "dave"], true, GroupType.Work, false, GroupType.Meeting),
            new RevokeMessage(bob, "m1"), new SetDraft(bob, "text"), new SetPinned(bob, true), new SetRecvOpt(bob, RecvOpt.NotReceive),
            new MarkRead(bob, T), new ClearHistory(bob), new DeleteConversation(bob), new SetFriendRemark("bob", "Bobby"),
            new MarkConversations([bob, Group("@TGS#g")], ConversationMarks.Hide, true), new SetConversationCustomData([bob], "data"),
            new DeleteConversations([bob], true), new CleanUnread(CleanUnread.GroupScope, T), new CreateConversationGroup("work", [bob]),
            new RenameConversationGroup("work", "office"), new DeleteConversationGroup("office"), new AddConversationsToGroup("work", [bob]),
            new DeleteConversationsFromGroup("work", [bob]),
        ];

        var changes = new EventChanges(
            "owner", 12, [ChangeItem.Deleted(12, "C2Cold"), ChangeItem.New(12, view), ChangeItem.Changed(12, view)], 3);
        var samples = new Dictionary<string, object>
        {
            ["MessageAdded"] = new MessageAdded("GROUP@TGS#g", "g1", "carol", T, ElemType.Face, "summary", ["owner"], true, GroupType.Work, GroupType.Meeting, false, T + 1, true, ["C2Cold"]),
            ["MessageRevoked"] = new MessageRevoked("C2Cbob", "m1", T + 1),
            ["ConversationRead"] = new ConversationRead("C2Cbob", T, true, T + 1),
            ["DraftSet"] = new DraftSet("C2Cbob", "draft", T + 1, true, ["C2Cold"]),
            ["DraftCleared"] = new DraftCleared("C2Cbob", T + 1),
            ["ConversationPinned"] = new ConversationPinned("C2Cbob", T + 1, true, ["C2Cold"]),
            ["ConversationUnpinned"] = new ConversationUnpinned("C2Cbob", T + 1),
            ["RecvOptSet"] = new RecvOptSet("C2Cbob", RecvOpt.ReceiveNotNotify, T + 1),
            ["HistoryCleared"] = new HistoryCleared("C2Cbob", T + 1),
            ["ConversationDeleted"] = new ConversationDeleted("C2Cbob", T + 1),
            ["FriendRemarkSet"] = new FriendRemarkSet("bob", "Bobby", T + 1),
            ["ConversationMarked"] = new ConversationMarked("C2Cbob", 1UL << 63, true, T + 1),
            ["ConversationCustomDataSet"] = new ConversationCustomDataSet("C2Cbob", "data", T + 1),
            ["ConversationGroupCreated"] = new ConversationGroupCreated("work", T + 1),
            ["ConversationGroupRenamed"] = new ConversationGroupRenamed("work", "office", T + 1),
            ["ConversationGroupDeleted"] = new ConversationGroupDeleted("office", T + 1),
            ["ConversationAddedToGroup"] = new ConversationAddedToGroup("C2Cbob", "work", T + 1),
            ["ConversationRemovedFromGroup"] = new ConversationRemovedFromGroup("C2Cbob", "work", T + 1),
            ["UserProfileChanged"] = new UserProfileChanged(userProfile, T + 1),
            ["GroupProfileChanged"] = new GroupProfileChanged(groupProfile, T + 1),
            ["ConversationSetSnapshot"] = ConversationSetSnapshot.Of(set),
            ["UserProfile"] = userProfile,
            ["GroupProfile"] = groupProfile,
            ["GetConversationPage"] = new GetConversationPage("owner", PagePosition.After(true, 7), 50, new ConversationFilter(ConversationType.Group, ConversationMarks.Star, "work", true, false)),
            ["GetConversationBatch"] = new GetConversationBatch("owner", ["C2Cbob", "GROUP@TGS#g"]),
            ["GetConversation"] = new GetConversation("owner", "C2Cbob", true),
            ["GetTotalUnread"] = new GetTotalUnread("owner", new ConversationFilter(ConversationType.C2C, HasUnread: true)),
            ["GetConversationGroups"] = new GetConversationGroups("owner"),
            ["ConversationGroupsAnswer"] = new ConversationGroupsAnswer(["work", "家人"]),
            ["CommandAccepted"] = new CommandAccepted(true, view, 12, [ConversationOperationResult.Ok("C2Cbob"), ConversationOperationResult.NotFound("C2Cx")]),
            ["CommandRefused"] = new CommandRefused(ErrorCode.ConversationNotFound, "conversation C2Cx does not exist"),
            ["PageAnswer"] = new PageAnswer(page),
            ["BatchAnswer"] = new BatchAnswer(ListQueries.All(set, T + 100_000, 0).ConversationList),
            ["ConversationAnswer"] = new ConversationAnswer(view, ListQueries.Stats(set, "GROUP@TGS#g", T + 100_000, 0)),
            ["TotalUnreadAnswer"] = new TotalUnreadAnswer(17),
            ["UpdateUserProfile"] = new UpdateUserProfile("bob", new UserProfilePatch(["nickname", "faceUrl"], "Bob", null, "sig")),
            ["GetUserProfile"] = new GetUserProfile("bob"),
            ["UserProfileAnswer"] = new UserProfileAnswer(userProfile),
            ["UpdateGroupProfile"] = new UpdateGroupProfile("@TGS#g", new GroupProfilePatch(GroupProfilePatch.Fields, "G", "f", GroupType.AVChatRoom, "i", "n", "o", 3)),
            ["GetGroupProfile"] = new GetGroupProfile("@TGS#g"),
            ["GroupProfileAnswer"] = new GroupProfileAnswer(groupProfile),
            ["ChangeNotice"] = ChangeNotice.Of("owner", 12, new DraftSet("C2Cbob", "draft", T + 1, true, ["C2Cold"])),
            ["EventChanges"] = changes,
            ["GetChanges"] = new GetChanges("owner", 11, 32),
            ["ChangesAnswer"] = new ChangesAnswer(12, 3, [changes]),
        };
        foreach (var command in commands)
        {
            samples[$"UserCommand({command.GetType().Name})"] = new UserCommand("owner", command);
        }

        return samples;
    }
}
