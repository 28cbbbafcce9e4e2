using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Gateway.Tests.Durability;

/// <summary>
/// Issue #13: a gateway process killed with SIGKILL while its entities commit writes in batches (many concurrent writes
/// to a few hot users) loses no acknowledged write, and no unacknowledged write is half-applied: a multi-conversation
/// write (marks on three conversations, one atomic journal write) shows on all three or on none.
/// </summary>
public sealed class SigkillDuringBatchTests
{
    private const int Clients = 24;
    private static readonly string[] Users = ["hot-a", "hot-b", "hot-c"];
    private static readonly string[] Marked = ["C2Cbase0", "C2Cbase1", "C2Cbase2"];

    [Fact]
    public async Task After_a_SIGKILL_mid_batch_every_acknowledged_write_is_there_and_no_write_is_half_applied()
    {
        var folder = Directory.CreateTempSubdirectory("ca-sigkill-").FullName;
        var environment = new Dictionary<string, string> { ["CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"] = "0" };
        try
        {
            var acked = new ConcurrentBag<(string User, string Peer)>();
            var marks = new ConcurrentBag<(string User, ulong Mark, bool Acked)>();
            await using (var gateway = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60), environment, folder))
            {
                using var http = new HttpClient { BaseAddress = new Uri(gateway.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
                foreach (var user in Users)
                {
                    foreach (var id in Marked)
                    {
                        Assert.Equal(0, await CodeAsync(http.PostAsync($"/v1/users/{user}/conversations/{id}/messages", Body(Message(id[3..], "base")))));
                    }
                }

                using var stop = new CancellationTokenSource();
                var next = 0L;
                var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref next);
                        var user = Users[n % Users.Length];
                        if (n % 5 == 0)
                        {
                            var mark = (1UL << 32) + (ulong)n; // a custom mark of its own per write
                            var body = new JsonObject { ["conversationIDList"] = new JsonArray(Marked.Select(m => (JsonNode)m).ToArray()), ["markType"] = mark, ["enable"] = true };
                            var code = await CodeAsync(http.PutAsync($"/v1/users/{user}/conversations/marks", Body(body)));
                            marks.Add((user, mark, code == 0));
                        }
                        else
                        {
                            var peer = $"p{n}";
                            if (await CodeAsync(http.PostAsync($"/v1/users/{user}/conversations/C2C{peer}/messages", Body(Message(peer, $"m{n}")))) == 0)
                            {
                                acked.Add((user, peer));
                            }
                        }
                    }
                })).ToArray();

                while (acked.Count < 400)
                {
                    await Task.Delay(20);
                }

                await gateway.KillAsync();
                stop.Cancel();
                await Task.WhenAll(load);
            }

            await using var restarted = await SqliteGatewayProcess.StartAsync(TimeSpan.FromSeconds(60), environment, folder);
            using var reader = new HttpClient { BaseAddress = new Uri(restarted.BaseUrl) };
            var lists = new Dictionary<string, JsonElement[]>();
            foreach (var user in Users)
            {
                using var answer = JsonDocument.Parse(await reader.GetStringAsync($"/v1/users/{user}/conversations"));
                lists[user] = [.. answer.RootElement.GetProperty("data").GetProperty("conversationList").EnumerateArray().Select(c => c.Clone())];
            }

            var missing = acked.Where(a => lists[a.User].All(c => c.GetProperty("conversationID").GetString() != "C2C" + a.Peer)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acked.Count} acknowledged messages are lost: {string.Join(", ", missing.Take(10))}");
            Assert.NotEmpty(marks);
            foreach (var (user, mark, wasAcked) in marks)
            {
                var holding = Marked.Count(id => lists[user].Single(c => c.GetProperty("conversationID").GetString() == id)
                    .GetProperty("markList").EnumerateArray().Any(m => m.GetUInt64() == mark));
                Assert.True(holding is 0 or 3, $"mark {mark} of {user} is on {holding} of 3 conversations: half-applied");
                Assert.True(!wasAcked || holding == 3, $"acknowledged mark {mark} of {user} is lost");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonObject Message(string peer, string msgID) =>
        new() { ["msgID"] = msgID, ["senderID"] = peer, ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000, ["summary"] = "hi" };

    private static StringContent Body(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>The envelope's code, or -1 when there was no answer (the process died mid-request).</summary>
    private static async Task<int> CodeAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            using var response = await request;
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return answer.RootElement.GetProperty("code").GetInt32();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return -1;
        }
    }
}
