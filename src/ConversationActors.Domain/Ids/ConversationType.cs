namespace ConversationActors.Domain.Ids;

/// <summary>The kind of a conversation (SPEC 3.2 <c>type</c>).</summary>
public enum ConversationType
{
    C2C,
    Group,
    System,
}
