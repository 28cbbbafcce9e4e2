namespace ConversationActors.TestSupport.Torture;

/// <summary>How a user's live state was judged.</summary>
public enum StateBasis
{
    /// <summary>Against the domain's fold of the whole journal from its first event (independent of the live entity).</summary>
    FoldedJournal,

    /// <summary>Against the server's replay of a compacted journal from its horizon snapshot (<c>asOfSeq</c>).</summary>
    ServerReplay,
}

/// <summary>
/// What the checker knows of one user after the run: the journal, and how the live state compared with what the
/// journal says (<see cref="Differences"/> of the last of <see cref="Comparisons"/> reads; none: they agreed).
/// </summary>
public sealed record UserEvidence(string UserID, UserJournal Journal, StateBasis Basis, IReadOnlyList<string> Differences, int Comparisons);

/// <summary>Everything the checker judges: the history, the declared faults and each user's evidence.</summary>
public sealed record TortureEvidence(
    TortureOptions Options, LoadResult Load, IReadOnlyList<FaultWindow> Faults, IReadOnlyDictionary<string, UserEvidence> Users);
