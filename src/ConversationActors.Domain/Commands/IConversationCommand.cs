using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Commands;

/// <summary>
/// A request to change one user's conversation set; decided by <see cref="Fold.Decider"/>.
/// The discriminators let a command travel inside one cluster message; never rename them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(AddMessage), "addMessage")]
[JsonDerivedType(typeof(RevokeMessage), "revokeMessage")]
[JsonDerivedType(typeof(SetDraft), "setDraft")]
[JsonDerivedType(typeof(SetPinned), "setPinned")]
[JsonDerivedType(typeof(SetRecvOpt), "setRecvOpt")]
[JsonDerivedType(typeof(MarkRead), "markRead")]
[JsonDerivedType(typeof(ClearHistory), "clearHistory")]
[JsonDerivedType(typeof(DeleteConversation), "deleteConversation")]
[JsonDerivedType(typeof(SetFriendRemark), "setFriendRemark")]
[JsonDerivedType(typeof(MarkConversations), "markConversations")]
[JsonDerivedType(typeof(SetConversationCustomData), "setConversationCustomData")]
[JsonDerivedType(typeof(DeleteConversations), "deleteConversations")]
[JsonDerivedType(typeof(CleanUnread), "cleanUnread")]
[JsonDerivedType(typeof(CreateConversationGroup), "createConversationGroup")]
[JsonDerivedType(typeof(RenameConversationGroup), "renameConversationGroup")]
[JsonDerivedType(typeof(DeleteConversationGroup), "deleteConversationGroup")]
[JsonDerivedType(typeof(AddConversationsToGroup), "addConversationsToGroup")]
[JsonDerivedType(typeof(DeleteConversationsFromGroup), "deleteConversationsFromGroup")]
public interface IConversationCommand;
