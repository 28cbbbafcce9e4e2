namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Check (d): each user's live state (the whole list and total unread, as the service answers them) equals the domain's
/// fold of the user's journal; for a compacted journal, the server's replay of it from the horizon snapshot.
/// </summary>
public static class StateCheck
{
    private const int DifferencesShown = 20;

    public static IEnumerable<Violation> Check(TortureEvidence evidence) =>
        evidence.Users.Values
            .Where(u => u.Differences.Count > 0)
            .OrderBy(u => u.UserID, StringComparer.Ordinal)
            .Select(u => new Violation(
                "live state differs",
                u.UserID,
                null,
                $"after {u.Comparisons} reads the live list still differs from the {(u.Basis == StateBasis.FoldedJournal ? "fold of its journal" : "server's replay of its compacted journal")} " +
                $"(journal seqs {u.Journal.Events.FirstOrDefault()?.Seq}..{u.Journal.LastSeq}), {u.Differences.Count} differences:",
                [.. u.Differences.Take(DifferencesShown)]));
}
