using ConversationActors.Cluster.Tests.Support;

namespace ConversationActors.Cluster.Tests;

/// <summary>Issue #5, test 5: stop every node, start them again; every list is exactly as before.</summary>
[Trait("Category", "Cluster")]
public sealed class RestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task After_stopping_and_starting_the_whole_cluster_every_users_list_is_identical()
    {
        await using var cluster = await LocalCluster.StartAsync(nameof(RestartTests), 3, output);
        var users = Users.Many(30);
        var writes = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var (user, i) in users.Select((u, i) => (u, i)))
            {
                var node = 1 + ((i + round) % 3);
                var peer = $"peer{round % 4}";
                await ClusterClient.UntilOkAsync(() => ClusterClient.AddMessageAsync(node, user, peer, $"m{round}-{user}", Timeout), $"message {round} to {user}");
                writes++;
                if (round == 2)
                {
                    await ClusterClient.UntilOkAsync(() => ClusterClient.PinAsync(node, user, "peer1", Timeout), $"pin for {user}");
                    await ClusterClient.UntilOkAsync(() => ClusterClient.DraftAsync(node, user, "peer3", $"draft of {user}", Timeout), $"draft for {user}");
                    writes += 2;
                }
            }
        }

        var before = new Dictionary<string, string>();
        foreach (var user in users)
        {
            var list = await ClusterClient.UntilOkAsync(() => ClusterClient.ListAsync(1, user, Timeout), $"{user}'s list");
            before[user] = list.Data.GetRawText();
        }

        await cluster.StopAsync();
        await cluster.StartAllAsync(3);

        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            var list = await ClusterClient.UntilOkAsync(() => ClusterClient.ListAsync(1 + (i % 3), user, Timeout), $"{user}'s list after the restart");
            Assert.Equal(before[user], list.Data.GetRawText());
        }

        output.WriteLine($"{users.Count} users, {writes} writes: every list identical after a full restart");
    }
}
