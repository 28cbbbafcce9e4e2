using ConversationActors.TestSupport.Hosting;

namespace ConversationActors.Bench.Tests;

/// <summary>A slim ASP.NET Core app on a free loopback port, for tests that send the bench's requests to a real server.</summary>
internal sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="map">Adds the app's endpoints or terminal middleware.</param>
    public static async Task<LoopbackApp> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var baseAddress = GatewayServerProcess.FreeLoopbackAddress();
        builder.WebHost.UseUrls(baseAddress.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return new LoopbackApp(app, baseAddress);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
