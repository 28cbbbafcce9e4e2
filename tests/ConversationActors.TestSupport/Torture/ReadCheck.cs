namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Reads show only durable state (no dirty reads): every lastMessage a list or a page showed is a message of that
/// conversation in the user's journal. Judged on whole journals (a compacted one may have deleted the event shown).
/// </summary>
public static class ReadCheck
{
    public static IEnumerable<Violation> Check(TortureEvidence evidence, Func<long, IReadOnlyList<string>> historyOf)
    {
        var messages = evidence.Users.Values
            .Where(u => u.Journal.IsWhole)
            .ToDictionary(u => u.UserID, u => u.Journal.Messages(), StringComparer.Ordinal);
        foreach (var a in evidence.Load.History.Attempts)
        {
            if (a.LastMessagesShown is not { } shown || !messages.TryGetValue(a.UserID, out var journal))
            {
                continue;
            }

            foreach (var (conversationID, msgID) in shown.Where(m => !journal.ContainsKey(m)))
            {
                yield return new Violation("dirty read", a.UserID, msgID,
                    $"attempt #{a.Id} showed {msgID} as the lastMessage of {conversationID}, but the journal has no such message", historyOf(a.RequestId));
            }
        }
    }
}
