namespace ConversationActors.Client.Tests.Infrastructure;

/// <summary>Clients as a chat backend would make them, with or without DI.</summary>
public static class Clients
{
    public static ConversationActorsClient For(Uri baseAddress, string? token = null, Action<ConversationActorsClientOptions>? configure = null)
    {
        var options = new ConversationActorsClientOptions
        {
            BaseAddress = baseAddress,
            TokenProvider = token is null ? null : _ => ValueTask.FromResult<string?>(token),
            IngestRetryDelay = TimeSpan.FromMilliseconds(20),
            ChangeFeedReconnectDelay = TimeSpan.FromMilliseconds(100),
            ChangeFeedMaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return ConversationActorsClient.Create(options);
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
