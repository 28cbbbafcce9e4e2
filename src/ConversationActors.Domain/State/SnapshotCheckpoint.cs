namespace ConversationActors.Domain.State;

/// <summary>
/// A snapshot the store keeps (issue 15, journal life cycle): the state after event <paramref name="Seq"/>, whose
/// server time was <paramref name="At"/> (ms since epoch). With <c>journal.retention</c> on, each snapshot lists the
/// older ones kept beside it, so a recovered entity knows which one can become the journal's horizon.
/// </summary>
public sealed record SnapshotCheckpoint(long Seq, long At);
