namespace ConversationActors.Client.Model;

/// <summary>The answer of <c>GET /v1/admin/cluster</c>.</summary>
/// <param name="Self">The answering node's address.</param>
/// <param name="Leader">The cluster leader's address, or null.</param>
/// <param name="Members">Every member the answering node knows.</param>
/// <param name="Sharding">Per entity type (<c>conversations</c>, <c>user-profiles</c>, <c>group-profiles</c>): shards and entities per node.</param>
/// <param name="Health">The answering node's health: its event store, and its entities failing on their own data or code.</param>
/// <param name="FormatRelease">The release whose formats the answering node writes: the previous release's while a member still runs it (docs/upgrading.md); null from servers before 1.1.0.</param>
public sealed record ClusterStatus(
    string Self,
    string? Leader,
    IReadOnlyList<ClusterMember> Members,
    IReadOnlyDictionary<string, EntityTypeStats> Sharding,
    NodeHealth? Health = null,
    string? FormatRelease = null);

/// <summary>One node's health: the store (node-wide) apart from entity faults (each affects one user).</summary>
/// <param name="Store">Whether the event store answers.</param>
/// <param name="EntityFaults">The entities failing for a reason of their own.</param>
public sealed record NodeHealth(StoreStatus Store, EntityFaults EntityFaults);

/// <summary>Whether the event store answers.</summary>
/// <param name="Available">False during an outage.</param>
/// <param name="Since">When the outage began (UTC), or null.</param>
/// <param name="Cause">The outage's first failure, or null.</param>
public sealed record StoreStatus(bool Available, DateTimeOffset? Since, string? Cause);

/// <summary>Entities failing on their own data or code.</summary>
/// <param name="Count">Faulted now.</param>
/// <param name="Total">Faults since the node started.</param>
/// <param name="Entities">The most recent (at most 20).</param>
public sealed record EntityFaults(int Count, long Total, IReadOnlyList<EntityFault> Entities);

/// <summary>One faulted entity.</summary>
/// <param name="PersistenceId">Its persistence ID (<c>conversations-{userID}</c>, …).</param>
/// <param name="What">What failed: <c>recovery</c> or <c>write</c>.</param>
/// <param name="Cause">The exception's message.</param>
/// <param name="Failures">Failures in a row.</param>
/// <param name="Since">The first of them (UTC).</param>
/// <param name="RetryAt">When the node recovers it again (UTC); until then its requests are answered at once with the fault.</param>
public sealed record EntityFault(string PersistenceId, string What, string Cause, int Failures, DateTimeOffset Since, DateTimeOffset RetryAt);

/// <summary>A cluster member.</summary>
/// <param name="Address">Its Akka address.</param>
/// <param name="Status">Up, Joining, Leaving, …</param>
/// <param name="Roles">Its roles.</param>
/// <param name="Reachable">Whether the answering node reaches it.</param>
/// <param name="UpSince">When the answering node first saw it Up, or null.</param>
/// <param name="AppVersion">
/// The release it announced when it joined (its <c>akka.cluster.app-version</c>, e.g. <c>1.1.0</c>); members differ in
/// it during a rolling upgrade. Null from a server older than 1.1.0, which does not send it.
/// </param>
public sealed record ClusterMember(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, DateTimeOffset? UpSince, string? AppVersion = null);

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
