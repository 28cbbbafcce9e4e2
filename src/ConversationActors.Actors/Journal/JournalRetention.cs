using ConversationActors.Domain.State;

namespace ConversationActors.Actors.Journal;

/// <summary>
/// The journal's life cycle (issue 15, <c>conversation-actors.journal</c>): <paramref name="RetentionMs"/> (0: off, the
/// journal stays the complete audit record) and the archive folder <c>convctl archive</c> writes to (null: none; then
/// deleted events are gone). See docs/decisions.md "The journal's life cycle".
/// </summary>
public sealed record JournalRetention(long RetentionMs, string? ArchiveDirectory)
{
    public static JournalRetention Off { get; } = new(0, null);

    public bool IsOn => RetentionMs > 0;

    /// <summary>
    /// The seq the journal may be cut at now: the newest kept snapshot whose last event is older than the retention
    /// (<paramref name="now"/> minus it) and, with an archive folder, at or before <paramref name="archivedThrough"/>;
    /// 0 when none qualifies. Events up to it are deleted, that snapshot is kept (time travel from there), older ones go.
    /// </summary>
    public long Horizon(IEnumerable<SnapshotCheckpoint> checkpoints, long now, long archivedThrough)
    {
        if (!IsOn)
        {
            return 0;
        }

        var olderThan = now - RetentionMs;
        var limit = ArchiveDirectory is null ? long.MaxValue : archivedThrough;
        return checkpoints.Where(c => c.At < olderThan && c.Seq <= limit).Select(c => c.Seq).DefaultIfEmpty(0).Max();
    }
}
