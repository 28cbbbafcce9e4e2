using ConversationActors.Actors.Health;
using ConversationActors.Actors.Tests.Support;
using ConversationActors.Domain.Errors;
using ConversationActors.Domain.Queries;
using Xunit.Abstractions;
using static ConversationActors.Actors.Tests.Support.Commands;

namespace ConversationActors.Actors.Tests;

/// <summary>
/// Issue #19, disk full on the embedded SQLite store (a real file on a real, small tmpfs): writes answer
/// STORE_UNAVAILABLE, nothing acknowledged is lost, reads go on, and once space is freed writes succeed again on the
/// same node, without a restart.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private const string User = "full-disk-user";

    [Fact]
    public async Task On_a_full_disk_writes_are_refused_reads_go_on_and_writes_resume_once_space_is_freed()
    {
        using var disk = SmallDisk.Mount(megabytes: 8);
        await using var node = await TestNode.StartAsync($"Data Source={Path.Combine(disk.Path, "conversations.db")}");
        disk.FillLeaving(freeBytes: 256 * 1024);

        var acknowledged = new List<string>();
        var summary = new string('x', 500);
        Refusal? refused = null;
        for (var i = 0; i < 5000 && refused is null; i++)
        {
            var peer = $"peer{i}";
            var result = await node.Service.ExecuteAsync(User, Message(C2C(peer), $"m{i}", peer, Commands.Now - 60_000 + i, summary), CancellationToken.None);
            if (result.IsOk)
            {
                acknowledged.Add("C2C" + peer);
            }
            else
            {
                refused = result.Error;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(ErrorCode.StoreUnavailable, refused.Code);
        Assert.NotEmpty(acknowledged);
        Assert.False(StoreHealth.Get(node.System).IsAvailable);

        // Reads go on (the entity recovers from the full disk's journal) and hold every acknowledged write.
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), await ListedAsync(node));

        disk.FreeFiller();
        var afterwards = await WriteUntilAcknowledgedAsync(node, "after");
        Assert.True(afterwards.Applied);
        Assert.True(StoreHealth.Get(node.System).IsAvailable);
        Assert.Equal(acknowledged.Append("C2Cafter").Order(StringComparer.Ordinal), await ListedAsync(node));
    }

    private async Task<Protocol.CommandAccepted> WriteUntilAcknowledgedAsync(TestNode node, string peer)
    {
        Protocol.CommandAccepted? accepted = null;
        await AwaitAssertAsync(
            async () => accepted = (await node.Service.ExecuteAsync(User, Message(C2C(peer), "m-after", peer, Commands.Now - 1_000), CancellationToken.None)).Ok(),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
        return accepted!;
    }

    private async Task<IReadOnlyList<string>> ListedAsync(TestNode node)
    {
        IReadOnlyList<string> ids = [];
        await AwaitAssertAsync(
            async () =>
            {
                var page = (await node.Service.GetPageAsync(User, PagePosition.Start, 5000, CancellationToken.None)).Ok();
                ids = page.ConversationList.Select(c => c.ConversationID).Order(StringComparer.Ordinal).ToArray();
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
        return ids;
    }
}
