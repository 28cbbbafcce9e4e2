namespace ConversationActors.Domain.Commands;

/// <summary>A request to change one user's conversation set; decided by <see cref="Fold.Decider"/>.</summary>
public interface IConversationCommand;
