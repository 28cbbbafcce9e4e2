namespace ConversationActors.TestSupport.Torture;

/// <summary>The HTTP client of a run: no overall timeout (each attempt has its own), quick to notice a node that is down.</summary>
public static class TortureHttp
{
    /// <summary>A client for every node of a run; dispose it after the run.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
