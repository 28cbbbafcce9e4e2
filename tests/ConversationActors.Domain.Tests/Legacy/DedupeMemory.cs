using System.Collections.Immutable;

namespace ConversationActors.Domain.Tests.Legacy;

/// <summary>
/// Tests only: the immutable-collections fold as it was before issue #14 (a frozen copy, the reference the compact
/// state is compared with; see <see cref="Equivalence"/>).
/// </summary>
/// <remarks>
/// The user's latest applied message keys (conversationID + msgID), oldest first, at most
/// <see cref="Capacity"/> of them. Guarantee: a message is recognised as a duplicate if it is among the
/// latest <c>dedupe-window</c> messages applied to the user's whole set, or is the current lastMessage
/// of its conversation. It survives delete, clearHistory, restarts and snapshots.
/// </remarks>
internal sealed record DedupeMemory(int Capacity, ImmutableQueue<string> Order, ImmutableHashSet<string> Keys)
{
    public static DedupeMemory Create(int capacity) =>
        new(capacity, ImmutableQueue<string>.Empty, ImmutableHashSet.Create<string>(StringComparer.Ordinal));

    public static DedupeMemory From(int capacity, IEnumerable<string> oldestFirst) =>
        oldestFirst.Aggregate(Create(capacity), (memory, key) => memory.Remember(key));

    public static string Key(string conversationID, string msgID) => conversationID + "\n" + msgID;

    public bool Contains(string key) => Keys.Contains(key);

    public DedupeMemory Remember(string key)
    {
        if (Capacity <= 0 || Keys.Contains(key))
        {
            return this;
        }

        var order = Order.Enqueue(key);
        var keys = Keys.Add(key);
        while (keys.Count > Capacity)
        {
            order = order.Dequeue(out var oldest);
            keys = keys.Remove(oldest);
        }

        return this with { Order = order, Keys = keys };
    }
}
