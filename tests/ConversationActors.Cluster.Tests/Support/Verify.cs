namespace ConversationActors.Cluster.Tests.Support;

/// <summary>Checks, one by one, that every acknowledged write is in its user's list.</summary>
public static class Verify
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(6);

    /// <returns>The acknowledged writes that are missing (empty when none is lost).</returns>
    public static async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyList<WriteLoad.Attempt> acked, IReadOnlyList<int> readThrough)
    {
        var missing = new List<string>();
        var i = 0;
        foreach (var user in acked.GroupBy(a => a.User))
        {
            var node = readThrough[i++ % readThrough.Count];
            var list = await Poll.UntilAsync(
                async () =>
                {
                    var answer = await ClusterClient.ListAsync(node, user.Key, ReadTimeout);
                    return answer.Ok ? ClusterClient.LastMessages(answer.Data) : null;
                },
                Budgets.Served,
                $"reading {user.Key}'s list through node {node}");
            foreach (var write in user)
            {
                if (!list.TryGetValue("C2C" + write.Peer, out var msgID) || msgID != write.MsgID)
                {
                    missing.Add($"{write.User}/{write.MsgID} (acknowledged by node {write.Node} at {write.Answered.TotalSeconds:0.00} s)");
                }
            }
        }

        return missing;
    }
}
