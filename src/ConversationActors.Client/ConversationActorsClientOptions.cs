namespace ConversationActors.Client;

/// <summary>Settings of <see cref="ConversationActorsClient"/>.</summary>
public sealed class ConversationActorsClientOptions
{
    /// <summary>The gateway's base address, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>
    /// Called before every request (and every change-feed reconnection) for the bearer token; null, or a null
    /// answer, sends no <c>Authorization</c> header (a server without a signing key).
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? TokenProvider { get; set; }

    /// <summary>Retries of a message ingest or fan-out answered 503 (or not answered); 0 turns retrying off. Default 3.</summary>
    public int IngestRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles it, with jitter. Default 200 ms.</summary>
    public TimeSpan IngestRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The change feed's first reconnection delay after a drop; doubles up to <see cref="ChangeFeedMaxReconnectDelay"/>. Default 500 ms.</summary>
    public TimeSpan ChangeFeedReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest change-feed reconnection delay. Default 10 s.</summary>
    public TimeSpan ChangeFeedMaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Silence after which the change feed counts its connection as dead and reconnects; keep it above the
    /// server's <c>changes.keep-alive</c>. Default 60 s.
    /// </summary>
    public TimeSpan ChangeFeedIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
