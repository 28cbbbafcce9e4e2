using ConversationActors.Gateway.Changes;
using ConversationActors.Gateway.Tests.Infrastructure;
using ConversationActors.TestSupport.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationActors.Gateway.Tests.Changes;

/// <summary>Issue #8: a stream ends cleanly when its client leaves and when the server shuts down.</summary>
public sealed class StreamLifetimeTests
{
    [Fact]
    public async Task A_leaving_client_releases_its_stream_and_shutdown_ends_the_others_cleanly()
    {
        using var folder = new TempFolder();
        var host = await GatewayHost.StartAsync(folder.Database);
        SseClient? staying = null;
        try
        {
            var metrics = host.Services.GetRequiredService<ChangeFeedMetrics>();
            var baseAddress = host.Api.Http.BaseAddress!;
            staying = await SseClient.OpenAsync(baseAddress, "lifetime");
            await using (var leaving = await SseClient.OpenAsync(baseAddress, "lifetime"))
            {
                Assert.Equal(0, (await leaving.NextAsync(TimeSpan.FromSeconds(30)))!.Id);
                Assert.Equal(0, (await staying.NextAsync(TimeSpan.FromSeconds(30)))!.Id);
                Assert.Equal(2, metrics.OpenStreams);
            }

            await Waiting.UntilAsync(() => metrics.OpenStreams == 1, "the departed client's stream is released");
        }
        finally
        {
            await host.DisposeAsync();
        }

        // The server stopped: the remaining stream ended with the response (EOF), not a hang.
        Assert.Null(await staying.NextAsync(TimeSpan.FromSeconds(30)));
        await staying.DisposeAsync();
    }
}
