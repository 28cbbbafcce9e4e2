using Akka.Configuration;

namespace ConversationActors.Gateway.Changes;

/// <summary><c>conversation-actors.changes { }</c>: the live change feed's keep-alive and per-stream buffer.</summary>
public sealed record ChangeFeedSettings(TimeSpan KeepAlive, int BufferSize)
{
    public static ChangeFeedSettings From(Config config)
    {
        var c = config.GetConfig("conversation-actors.changes");
        var keepAlive = c?.GetTimeSpan("keep-alive", TimeSpan.FromSeconds(15), allowInfinite: false) ?? TimeSpan.FromSeconds(15);
        var bufferSize = c?.GetInt("buffer-size", 256) ?? 256;
        if (keepAlive <= TimeSpan.Zero)
        {
            throw new ConfigurationException($"conversation-actors.changes.keep-alive must be positive, got {keepAlive}");
        }

        return bufferSize > 0
            ? new ChangeFeedSettings(keepAlive, bufferSize)
            : throw new ConfigurationException($"conversation-actors.changes.buffer-size must be a positive integer, got {bufferSize}");
    }
}
