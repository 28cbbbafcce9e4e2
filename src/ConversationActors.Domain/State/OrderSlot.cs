namespace ConversationActors.Domain.State;

/// <summary>
/// A conversation's position in every list: pinned first, then orderKey descending.
/// orderKeys are unique per user, so (IsPinned, OrderKey) identifies a slot; the ID rides along.
/// </summary>
public readonly record struct OrderSlot(bool IsPinned, long OrderKey, string ConversationID)
{
    public static IComparer<OrderSlot> ListOrder { get; } = Comparer<OrderSlot>.Create(Compare);

    /// <summary>List order: negative when <paramref name="a"/> comes first (the comparison behind <see cref="ListOrder"/>).</summary>
    public static int Compare(OrderSlot a, OrderSlot b)
    {
        if (a.IsPinned != b.IsPinned)
        {
            return a.IsPinned ? -1 : 1;
        }

        return b.OrderKey.CompareTo(a.OrderKey);
    }
}
