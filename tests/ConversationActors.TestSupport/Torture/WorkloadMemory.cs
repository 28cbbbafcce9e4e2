using System.Collections.Concurrent;

namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// What the workload remembers to make later requests meaningful (thread-safe): the latest msgIDs sent into each
/// conversation (revokes name one), and each user's latest page cursor (the next page continues from it).
/// </summary>
public sealed class WorkloadMemory
{
    private const int MessagesKept = 4;
    private readonly ConcurrentDictionary<(string UserID, string ConversationID), string[]> _messages = new();
    private readonly ConcurrentDictionary<string, string> _cursors = new(StringComparer.Ordinal);

    /// <summary>Notes that <paramref name="msgID"/> was sent to <paramref name="target"/>.</summary>
    public void Sent(MessageTarget target, string msgID) =>
        _messages.AddOrUpdate(
            (target.UserID, target.ConversationID),
            _ => [msgID],
            (_, kept) => [msgID, .. kept.Take(MessagesKept - 1)]);

    /// <summary>One of the latest msgIDs sent into the conversation, or null.</summary>
    public string? RecentMessage(Random random, string userID, string conversationID) =>
        _messages.TryGetValue((userID, conversationID), out var kept) ? kept[random.Next(kept.Length)] : null;

    /// <summary>Notes the cursor a page of <paramref name="userID"/>'s list answered (null: the list was finished).</summary>
    public void Paged(string userID, string? nextSeq)
    {
        if (nextSeq is null)
        {
            _cursors.TryRemove(userID, out _);
        }
        else
        {
            _cursors[userID] = nextSeq;
        }
    }

    /// <summary>The user's latest cursor, or null (start from the top).</summary>
    public string? Cursor(string userID) => _cursors.GetValueOrDefault(userID);
}
