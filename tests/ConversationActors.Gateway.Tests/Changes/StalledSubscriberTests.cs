using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests.Changes;

/// <summary>A host whose change streams queue at most eight changes per client.</summary>
public sealed class SmallBufferFixture : GatewayFixture
{
    public const int BufferSize = 8;

    protected override string ExtraHocon => $"conversation-actors.changes.buffer-size = {BufferSize}";
}

/// <summary>Issue #8: a client that stops reading is cut off; the server's memory for it stays bounded; it can resume.</summary>
public sealed class StalledSubscriberTests(SmallBufferFixture fixture) : IClassFixture<SmallBufferFixture>
{
    private const int MaxWrites = 3000;
    private readonly Api _api = fixture.Api;

    [Fact]
    public async Task A_client_that_never_reads_is_cut_off_with_at_most_buffer_size_changes_queued_and_can_resume()
    {
        const string user = "stalled";
        var metrics = fixture.Host.Services.GetRequiredService<ChangeFeedMetrics>();
        var overflowsBefore = metrics.OverflowClosures;
        var bigDraft = new string('x', 8000);

        // A tiny receive window and no reading: the kernel and Kestrel buffers fill, then the stream's queue.
        await using var stalled = await SseClient.OpenAsync(fixture.Api.Http.BaseAddress!, user, receiveBuffer: 4096);
        var writes = 0;
        while (metrics.OverflowClosures == overflowsBefore)
        {
            Assert.True(writes < MaxWrites, $"the server did not cut the stalled client off after {writes} changes of ~8 KB");
            var text = (writes % 2 == 0 ? "a" : "b") + bigDraft;
            (await _api.PutAsync(Paths.Conversation(user, "C2Cpeer") + "/draft", $$"""{"draftText":"{{text}}"}""")).Ok();
            writes++;
            Assert.True(metrics.MaxBufferedPerStream <= SmallBufferFixture.BufferSize, $"{metrics.MaxBufferedPerStream} changes queued for one stream");
        }

        await stalled.WaitClosedAsync(TimeSpan.FromSeconds(30));
        Assert.True(metrics.MaxBufferedPerStream <= SmallBufferFixture.BufferSize, $"{metrics.MaxBufferedPerStream} changes queued for one stream");
        await Waiting.UntilAsync(() => metrics.OpenStreams == 0 && metrics.BufferedChanges == 0, "the closed stream's queue is released");

        // Nothing is lost: the client resumes from the journal and gets every change.
        await using var resumed = await SseClient.OpenAsync(fixture.Api.Http.BaseAddress!, user, lastEventId: 0);
        var all = await resumed.ReadUntilAsync(e => e.Count > 0 && e[^1].Id == writes, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(1, writes).Select(i => (long)i), all.Select(e => e.Id));
    }
}
