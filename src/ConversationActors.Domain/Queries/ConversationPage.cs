namespace ConversationActors.Domain.Queries;

/// <summary>One page of the list; <see cref="Next"/> is where the following page starts.</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationView> ConversationList, bool IsFinished, PagePosition Next);
