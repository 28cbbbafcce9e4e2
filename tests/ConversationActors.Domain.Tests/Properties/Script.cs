using System.Text;
using ConversationActors.Domain.Commands;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;
using ConversationActors.Domain.State;
using ConversationActors.Domain.Tests.Support;

namespace ConversationActors.Domain.Tests.Properties;

public enum Op
{
    Message,
    LateMessage,
    Draft,
    ClearDraft,
    Pin,
    Unpin,
    RecvOpt,
    Read,
    ReadUpTo,
    ClearHistory,
    Delete,
    Revoke,
    Remark,
    Mark,
    Unmark,
    CustomData,
    DeleteMany,
    CleanUnread,
    CreateGroup,
    RenameGroup,
    DeleteGroup,
    AddToGroup,
    RemoveFromGroup,
}

/// <summary>
/// One step of a random story: the clock advances by <see cref="AdvanceMs"/>, then a command is decided.
/// Times are relative (<see cref="Offset"/> from server time), so the command is built when it runs.
/// </summary>
public sealed record Step(long AdvanceMs, Op Op, int Conversation, int Msg, int Sender, long Offset, int Flags)
{
    public static readonly string[] Conversations =
    [
        "C2Cbob", "C2Ccarol", "c2c_dave", "GROUPg1", "group_@TGS#2ABCDEF", "@TIM#SYSTEM", "C2Calice", "GROUPlive",
        "C2Cu0", "C2Cu1", "C2Cu2", "C2Cu3", "C2Cu4", "C2Cu5", "C2Cu6", "C2Cu7",
    ];

    public static readonly string[] Senders = [Scenario.Owner, "bob", "carol", "dave"];

    public const int AtAll = 1, AtMe = 2, Silent = 4, Work = 8, AVChatRoom = 16, ProfileAVChatRoom = 32;

    /// <summary>Marks the stories use: the four standard ones (HIDE twice as often) and a custom one.</summary>
    public static readonly ulong[] Marks =
        [ConversationMarks.Star, ConversationMarks.Unread, ConversationMarks.Fold, ConversationMarks.Hide, ConversationMarks.Hide, 1UL << 40];

    private static readonly string[] Scopes = [CleanUnread.AllScope, CleanUnread.C2CScope, CleanUnread.GroupScope];

    /// <summary>The conversation, its neighbour, and sometimes itself again (a duplicate in the list).</summary>
    private ConversationId[] Several(ConversationId id) =>
        (Flags % 3) switch
        {
            0 => [id],
            1 => [id, ConversationId.Parse(Conversations[(Conversation + 1) % Conversations.Length])],
            _ => [id, ConversationId.Parse(Conversations[(Conversation + 3) % Conversations.Length]), id],
        };

    private string GroupName => $"folder{Msg % 3}";

    /// <summary>Mostly a group the owner has (so the command does something), else a name that may not exist.</summary>
    private string ExistingGroup(ConversationSet state) =>
        Flags % 4 != 0 && state.ConversationGroups.Count > 0 ? state.ConversationGroups[Msg % state.ConversationGroups.Count] : GroupName;

    /// <summary>Mostly a mark the conversation has (so unmarking changes something), else a random one.</summary>
    private ulong MarkOf(ConversationSet state, ConversationId id) =>
        Flags % 4 != 0 && state.Find(id.Value) is { Marks: not 0 } entry ? ConversationMarks.List(entry.Marks)[0] : Marks[Msg % Marks.Length];

    /// <summary>
    /// A delayed copy of history: at (a third of the time exactly, a tie broken by msgID) or a little before the newest
    /// message the conversation has, or had when it was deleted; so the read, clearHistory and delete watermarks are hit.
    /// </summary>
    private long LateTimestamp(long now, ConversationSet state, ConversationId id)
    {
        var newest = state.Find(id.Value)?.NewestMessageTimestamp is > 0 and var n ? n : state.DeleteWatermarks.For(id.Value);
        return newest is { } at ? Math.Max(1, at - ((Flags % 3) * 1000)) : now + Offset;
    }

    /// <summary>
    /// Builds the command at server time <paramref name="now"/>; half the revokes aim at the current lastMessage, most others
    /// at the oldest @ entry (often not the lastMessage).
    /// </summary>
    public IConversationCommand ToCommand(long now, ConversationSet state)
    {
        var id = ConversationId.Parse(Conversations[Conversation]);
        var revoked = Flags % 2 == 0 && state.Find(id.Value)?.LastMessage is { } last ? last.MsgID
            : state.Find(id.Value)?.AtEntries is [var at, ..] && Flags % 4 != 2 ? at.MsgID
            : $"m{Msg}";
        return Op switch
        {
            Op.Message => new AddMessage(
                id, $"m{Msg}", Senders[Sender], now + Offset, (ElemType)(Msg % 10), $"s{Msg}",
                (Flags & AtMe) != 0 ? ["carol", Scenario.Owner] : [],
                (Flags & AtAll) != 0,
                (Flags & AVChatRoom) != 0 ? GroupType.AVChatRoom : (Flags & Work) != 0 ? GroupType.Work : null,
                (Flags & Silent) == 0,
                (Flags & ProfileAVChatRoom) != 0 ? GroupType.AVChatRoom : null),
            Op.LateMessage => new AddMessage(
                id, $"m{Msg}", Senders[Sender], LateTimestamp(now, state, id), (ElemType)(Msg % 10), $"s{Msg}",
                (Flags & AtMe) != 0 ? [Scenario.Owner] : [], (Flags & AtAll) != 0, null, (Flags & Silent) == 0),
            Op.Draft => new SetDraft(id, $"draft {Flags % 3}"),
            Op.ClearDraft => new SetDraft(id, Flags % 2 == 0 ? null : ""),
            Op.Pin => new SetPinned(id, true),
            Op.Unpin => new SetPinned(id, false),
            Op.RecvOpt => new SetRecvOpt(id, (RecvOpt)(Flags % 3)),
            Op.Read => new MarkRead(id, null),
            Op.ReadUpTo => new MarkRead(id, now + Offset),
            Op.ClearHistory => new ClearHistory(id),
            Op.Delete => new DeleteConversation(id),
            Op.Revoke => new RevokeMessage(id, revoked),
            Op.Remark => new SetFriendRemark(Senders[Sender], Flags % 3 == 0 ? null : $"r{Flags % 2}"),
            Op.Mark => new MarkConversations(Several(id), Marks[Msg % Marks.Length], true),
            Op.Unmark => new MarkConversations(Several(id), MarkOf(state, id), false),
            Op.CustomData => new SetConversationCustomData(Several(id), Flags % 4 == 0 ? null : $"data{Flags % 2}"),
            Op.DeleteMany => new DeleteConversations(Several(id), Flags % 2 == 0),
            Op.CleanUnread => new CleanUnread(Scopes[Msg % 3], Flags % 2 == 0 ? null : now + Offset),
            Op.CreateGroup => new CreateConversationGroup(GroupName, Several(id)),
            Op.RenameGroup => new RenameConversationGroup(ExistingGroup(state), $"folder{(Msg + Flags) % 4}"),
            Op.DeleteGroup => new DeleteConversationGroup(ExistingGroup(state)),
            Op.AddToGroup => new AddConversationsToGroup(ExistingGroup(state), Several(id)),
            Op.RemoveFromGroup => new DeleteConversationsFromGroup(
                Flags % 4 != 0 && state.Find(id.Value)?.GroupList is [var first, ..] ? first : ExistingGroup(state), Several(id)),
            _ => throw new ArgumentOutOfRangeException(nameof(Op)),
        };
    }

    public override string ToString() => $"+{AdvanceMs}ms {Op} {Conversations[Conversation]} m{Msg} from {Senders[Sender]} offset {Offset} flags {Flags}";
}

/// <summary>A random story: settings (small limits and short retention so those paths are hit) and its steps.</summary>
public sealed record Script(ConversationSettings Settings, IReadOnlyList<Step> Steps, int PageSize, int Split)
{
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append($"max {Settings.MaxConversations}, dedupe {Settings.DedupeWindow}, retention {Settings.Retention}, ")
            .Append($"page {PageSize}, split {Split}, {Steps.Count} steps:");
        foreach (var step in Steps)
        {
            text.Append("\n  ").Append(step);
        }

        return text.ToString();
    }
}
