using ConversationActors.Domain;

namespace ConversationActors.Actors.Entities;

/// <summary>What the entities need from <c>conversation-actors { }</c>: the fold's settings and the snapshot cadence.</summary>
public sealed record EntitySettings(ConversationSettings Fold, int SnapshotEvery, TimeProvider Time)
{
    /// <summary>Callers one entity lets wait for the store at once (group commit, issue #13); beyond it writes answer 503 TIMEOUT.</summary>
    public int MaxPendingWrites { get; init; } = 1000;

    public static EntitySettings Default { get; } = new(ConversationSettings.Default, 1000, TimeProvider.System);

    public long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
