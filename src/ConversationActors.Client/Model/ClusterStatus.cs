namespace ConversationActors.Client.Model;

/// <summary>The answer of <c>GET /v1/admin/cluster</c>.</summary>
/// <param name="Self">The answering node's address.</param>
/// <param name="Leader">The cluster leader's address, or null.</param>
/// <param name="Members">Every member the answering node knows.</param>
/// <param name="Sharding">Per entity type (<c>conversations</c>, <c>user-profiles</c>, <c>group-profiles</c>): shards and entities per node.</param>
public sealed record ClusterStatus(string Self, string? Leader, IReadOnlyList<ClusterMember> Members, IReadOnlyDictionary<string, EntityTypeStats> Sharding);

/// <summary>A cluster member.</summary>
/// <param name="Address">Its Akka address.</param>
/// <param name="Status">Up, Joining, Leaving, …</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Reachable">Whether the answering node reaches it.</param>
/// <param name="UpSince">When the answering node first saw it Up, or null.</param>
public sealed record ClusterMember(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, DateTimeOffset? UpSince);

/// <summary>One entity type's distribution; <see cref="Error"/> says why it is missing (a fail-over in progress).</summary>
/// <param name="Nodes">The nodes hosting shards.</param>
/// <param name="Error">Null, or why the stats are missing.</param>
public sealed record EntityTypeStats(IReadOnlyList<NodeShards> Nodes, string? Error);

/// <summary>The shards one node hosts.</summary>
/// <param name="Address">The node.</param>
/// <param name="ShardCount">Shards it hosts.</param>
/// <param name="EntityCount">Live entities over those shards.</param>
/// <param name="Shards">Shard id → live entities.</param>
public sealed record NodeShards(string Address, int ShardCount, int EntityCount, IReadOnlyDictionary<string, int> Shards);
