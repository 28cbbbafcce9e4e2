namespace ConversationActors.Domain.Events;

/// <summary>One mark set (<paramref name="Enable"/>) or cleared on one conversation. Never activates.</summary>
public sealed record ConversationMarked(string ConversationID, ulong MarkType, bool Enable, long At) : IConversationEvent;

/// <summary>The conversation's custom data; null clears it.</summary>
public sealed record ConversationCustomDataSet(string ConversationID, string? CustomData, long At) : IConversationEvent;

/// <summary>A conversation group (folder) of the owner's, empty until conversations are added.</summary>
public sealed record ConversationGroupCreated(string GroupName, long At) : IConversationEvent;

/// <summary>Renames the group everywhere, on every conversation in it too.</summary>
public sealed record ConversationGroupRenamed(string OldName, string NewName, long At) : IConversationEvent;

/// <summary>The group goes; its conversations stay and leave it.</summary>
public sealed record ConversationGroupDeleted(string GroupName, long At) : IConversationEvent;

public sealed record ConversationAddedToGroup(string ConversationID, string GroupName, long At) : IConversationEvent;

public sealed record ConversationRemovedFromGroup(string ConversationID, string GroupName, long At) : IConversationEvent;
