namespace ConversationActors.Domain.Queries;

/// <summary>
/// Where a page starts: at the beginning, strictly after a list position (pinned flag, orderKey), or
/// at the end (the cursor of a finished page). A position stays meaningful when its item moves or is
/// deleted, because it is a place in the order, not an item.
/// </summary>
public readonly record struct PagePosition(PagePosition.Kind At, bool IsPinned, long OrderKey)
{
    public enum Kind
    {
        Start,
        After,
        End,
    }

    public static PagePosition Start { get; } = new(Kind.Start, false, 0);

    public static PagePosition End { get; } = new(Kind.End, false, 0);

    public static PagePosition After(bool isPinned, long orderKey) => new(Kind.After, isPinned, orderKey);
}
