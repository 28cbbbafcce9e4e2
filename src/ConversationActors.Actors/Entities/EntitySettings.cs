using ConversationActors.Actors.Journal;
using ConversationActors.Domain;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// What the entities need from <c>conversation-actors { }</c>: the fold's settings, the snapshot cadence (events) and
/// how many events' change items a conversation-set entity keeps for resuming change streams (<c>changes.history-size</c>).
/// </summary>
public sealed record EntitySettings(ConversationSettings Fold, int SnapshotEvery, TimeProvider Time, int ChangeHistory = 256)
{
    /// <summary>Callers one entity lets wait for the store at once (group commit, issue #13); beyond it writes answer 503 TIMEOUT.</summary>
    public int MaxPendingWrites { get; init; } = 1000;

    /// <summary>The journal's life cycle (<c>journal.retention</c>, <c>journal.archive-dir</c>); off by default.</summary>
    public JournalRetention Journal { get; init; } = JournalRetention.Off;

    public static EntitySettings Default { get; } = new(ConversationSettings.Default, 1000, TimeProvider.System);

    public long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
