using ConversationActors.Domain;

namespace ConversationActors.Actors.Entities;

/// <summary>
/// What the entities need from <c>conversation-actors { }</c>: the fold's settings, the snapshot cadence (events) and
/// how many events' change items a conversation-set entity keeps for resuming change streams (<c>changes.history-size</c>).
/// </summary>
public sealed record EntitySettings(ConversationSettings Fold, int SnapshotEvery, TimeProvider Time, int ChangeHistory = 256)
{
    public static EntitySettings Default { get; } = new(ConversationSettings.Default, 1000, TimeProvider.System);

    public long Now() => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
