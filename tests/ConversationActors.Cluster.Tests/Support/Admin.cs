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
