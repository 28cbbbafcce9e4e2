using ConversationActors.Actors.Sharding;

namespace ConversationActors.Gateway.Hosting;

/// <summary>The shard regions once the ActorSystem has started them (before Kestrel accepts requests).</summary>
public sealed class RegionsHolder
{
    private readonly TaskCompletionSource<ShardRegions> _regions = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ShardRegions> Regions => _regions.Task;

    public void Set(ShardRegions regions) => _regions.TrySetResult(regions);
}
