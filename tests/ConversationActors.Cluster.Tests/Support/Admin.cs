using System.Text.Json;

namespace ConversationActors.Cluster.Tests.Support;

/// <summary>Reads /v1/admin/cluster: the conversation shards and entities per node.</summary>
public static class Admin
{
    public sealed record NodeShards(string Address, int ShardCount, int EntityCount);

    public static async Task<IReadOnlyList<NodeShards>> ConversationShardsAsync(int node)
    {
        var admin = await ClusterClient.AdminAsync(node, TimeSpan.FromSeconds(10));
        if (!admin.Ok)
        {
            throw new InvalidOperationException(admin.Error);
        }

        var conversations = admin.Data.GetProperty("sharding").GetProperty("conversations");
        if (conversations.GetProperty("error").ValueKind != JsonValueKind.Null)
        {
            return [];
        }

        return [.. conversations.GetProperty("nodes").EnumerateArray().Select(n => new NodeShards(
            n.GetProperty("address").GetString()!, n.GetProperty("shardCount").GetInt32(), n.GetProperty("entityCount").GetInt32()))];
    }

    /// <summary>
    /// True when, as <paramref name="node"/> reports it, every entity type's shards are spread over
    /// <paramref name="members"/> nodes as Akka's least-shard allocation strategy leaves them once it stops moving any:
    /// each node holds at most ⌈shards ÷ members⌉ and at least one fewer (its rebalance phases 1 and 2; a node missing
    /// from the list holds none). False while a type's statistics are unavailable (a fail-over in progress) or the node
    /// does not answer.
    /// </summary>
    public static async Task<bool> ShardsBalancedAsync(Uri node, int members)
    {
        var admin = await ClusterClient.AdminAsync(node, TimeSpan.FromSeconds(10));
        if (!admin.Ok)
        {
            return false;
        }

        foreach (var type in admin.Data.GetProperty("sharding").EnumerateObject())
        {
            if (type.Value.GetProperty("error").ValueKind != JsonValueKind.Null)
            {
                return false;
            }

            var counts = type.Value.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("shardCount").GetInt32()).ToList();
            if (counts.Count > members)
            {
                return false; // a node that left is still listed
            }

            counts.AddRange(Enumerable.Repeat(0, members - counts.Count));
            var optimal = (counts.Sum() + members - 1) / members;
            if (counts.Any(c => c > optimal || c < optimal - 1))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(IEnumerable<NodeShards> nodes) =>
        string.Join(", ", nodes.Select(n => $"{n.Address[(n.Address.LastIndexOf(':') + 1)..]}: {n.ShardCount} shards/{n.EntityCount} entities"));

    public static Task<IReadOnlyList<(string Address, string Status)>> MembersAsync(int node) => MembersAsync(LocalCluster.Url(node));

    public static async Task<IReadOnlyList<(string Address, string Status)>> MembersAsync(Uri node)
    {
        var admin = await ClusterClient.AdminAsync(node, TimeSpan.FromSeconds(10));
        if (!admin.Ok)
        {
            throw new InvalidOperationException(admin.Error);
        }

        return [.. admin.Data.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!))];
    }

    /// <summary>
    /// The release (app-version) of each member as <paramref name="node"/> sees them, sorted, and the release whose
    /// formats it writes: "1.0.0 ×1, 1.1.0 ×2; formats 1.0.0".
    /// </summary>
    public static async Task<string> ReleasesAsync(int node)
    {
        var admin = await ClusterClient.AdminAsync(node, TimeSpan.FromSeconds(10));
        if (!admin.Ok)
        {
            throw new InvalidOperationException(admin.Error);
        }

        var releases = admin.Data.GetProperty("members").EnumerateArray()
            .Select(m => m.TryGetProperty("appVersion", out var v) ? v.GetString() ?? "?" : "?");
        var formats = admin.Data.TryGetProperty("formatRelease", out var f) ? f.GetString() : "?";
        return string.Join(", ", releases.GroupBy(r => r).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}")) + "; formats " + formats;
    }
}
