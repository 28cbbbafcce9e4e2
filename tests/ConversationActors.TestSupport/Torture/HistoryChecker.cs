namespace ConversationActors.TestSupport.Torture;

/// <summary>
/// Runs every check over the evidence of a run: (a) answers, (b, c) journals against the history, reads against the
/// journals, (d) live states.
/// </summary>
public static class HistoryChecker
{
    public static IReadOnlyList<Violation> Check(TortureEvidence evidence)
    {
        var attempts = evidence.Load.History.Attempts.ToLookup(a => a.RequestId);
        var start = evidence.Load.History.StartedAt;
        IReadOnlyList<string> HistoryOf(long requestId) =>
        [
            evidence.Load.History.Requests[requestId].ToString(),
            .. attempts[requestId].OrderBy(a => a.SentAt).ThenBy(a => a.Id).Select(a => a.Describe(start)),
        ];

        return
        [
            .. AnswerCheck.Check(evidence, HistoryOf), .. JournalCheck.Check(evidence, HistoryOf), .. ReadCheck.Check(evidence, HistoryOf),
            .. StateCheck.Check(evidence),
        ];
    }
}
