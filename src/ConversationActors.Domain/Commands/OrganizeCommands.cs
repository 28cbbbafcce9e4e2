using ConversationActors.Domain.Ids;

namespace ConversationActors.Domain.Commands;

/// <summary>markConversation: set (<paramref name="Enable"/>) or clear one mark on 1..batch-max conversations.</summary>
public sealed record MarkConversations(IReadOnlyList<ConversationId> ConversationIDs, ulong MarkType, bool Enable) : IConversationCommand;

/// <summary>setConversationCustomData: the same custom data on 1..batch-max conversations; null or empty clears it.</summary>
public sealed record SetConversationCustomData(IReadOnlyList<ConversationId> ConversationIDs, string? CustomData) : IConversationCommand;

/// <summary>deleteConversationList: delete 1..batch-max conversations, clearing their history first when asked.</summary>
public sealed record DeleteConversations(IReadOnlyList<ConversationId> ConversationIDs, bool ClearHistory) : IConversationCommand;

/// <summary>
/// cleanConversationUnreadMessageCount over many conversations: <paramref name="Scope"/> is <c>"c2c"</c> (every
/// C2C conversation), <c>"group"</c> (every group) or <c>""</c> (everything); optionally only up to a timestamp.
/// </summary>
public sealed record CleanUnread(string Scope, long? UpToTimestamp) : IConversationCommand
{
    public const string AllScope = "", C2CScope = "c2c", GroupScope = "group";
}

/// <summary>createConversationGroup: a new folder holding the given conversations.</summary>
public sealed record CreateConversationGroup(string GroupName, IReadOnlyList<ConversationId> ConversationIDs) : IConversationCommand;

public sealed record RenameConversationGroup(string OldName, string NewName) : IConversationCommand;

/// <summary>deleteConversationGroup: the folder goes; its conversations stay.</summary>
public sealed record DeleteConversationGroup(string GroupName) : IConversationCommand;

public sealed record AddConversationsToGroup(string GroupName, IReadOnlyList<ConversationId> ConversationIDs) : IConversationCommand;

public sealed record DeleteConversationsFromGroup(string GroupName, IReadOnlyList<ConversationId> ConversationIDs) : IConversationCommand;
