using Akka.Configuration;
using ConversationActors.Actors.Configuration;

namespace ConversationActors.Gateway.Changes;

/// <summary><c>conversation-actors.changes { }</c>: the live change feed's keep-alive and per-stream buffer (<see cref="SettingsCatalog"/>).</summary>
public sealed record ChangeFeedSettings(TimeSpan KeepAlive, int BufferSize)
{
    public static ChangeFeedSettings From(Config config) =>
        new(SettingsCatalog.Duration(config, "changes.keep-alive"), SettingsCatalog.Int(config, "changes.buffer-size"));
}
