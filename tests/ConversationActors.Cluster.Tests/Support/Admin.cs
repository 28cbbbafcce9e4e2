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

    public static async Task<IReadOnlyList<(string Address, string Status)>> MembersAsync(int node)
    {
        var admin = await ClusterClient.AdminAsync(node, TimeSpan.FromSeconds(10));
        if (!admin.Ok)
        {
            throw new InvalidOperationException(admin.Error);
        }

        return [.. admin.Data.GetProperty("members").EnumerateArray().Select(m => (m.GetProperty("address").GetString()!, m.GetProperty("status").GetString()!))];
    }
}
