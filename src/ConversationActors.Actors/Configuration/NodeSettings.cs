using System.Text;
using Akka.Configuration;
using ConversationActors.Actors.Entities;
using ConversationActors.Domain;

namespace ConversationActors.Actors.Configuration;

/// <summary>The <c>conversation-actors { }</c> section as typed settings for the entities and the gateway.</summary>
public sealed record NodeSettings(
    EntitySettings Entities,
    TimeSpan AskTimeout,
    TimeSpan ProfileCacheTtl,
    int ProfileCacheSize,
    int ShardCount,
    string Store,
    string? EntityRole,
    byte[] CursorKey,
    int MaxBodyBytes,
    int FanoutMembersMax)
{
    /// <summary>Used when no cursor-key is configured: fine for one node, documented as such.</summary>
    private const string DevelopmentCursorKey = "conversation-actors-development-cursor-key";

    public ConversationSettings Fold => Entities.Fold;

    public static NodeSettings From(Config config, TimeProvider time)
    {
        var c = config.GetConfig("conversation-actors") ?? throw new ConfigurationException("the conversation-actors section is missing");
        var fold = new ConversationSettings
        {
            Retention = c.GetTimeSpan("retention", TimeSpan.FromDays(7), allowInfinite: false),
            MaxConversations = Positive(c, "max-conversations", 5000),
            PageMax = Positive(c, "page-max", 500),
            PageDefault = Positive(c, "page-default", 100),
            BatchMax = Positive(c, "batch-max", 100),
            DedupeWindow = Positive(c, "dedupe-window", 10_000),
            SummaryMaxChars = Positive(c, "limits.summary-max-chars", 512),
            DraftMaxBytes = Positive(c, "limits.draft-max-bytes", 8192),
        };
        var cursorKey = c.GetString("cursor-key", string.Empty);
        var role = c.GetString("entity-role", string.Empty);
        return new NodeSettings(
            new EntitySettings(fold, c.GetInt("snapshot-every", 1000), time),
            c.GetTimeSpan("ask-timeout", TimeSpan.FromSeconds(5), allowInfinite: false),
            c.GetTimeSpan("profile-cache-ttl", TimeSpan.FromSeconds(10), allowInfinite: false),
            Positive(c, "profile-cache-size", 100_000),
            Positive(c, "shard-count", 100),
            c.GetString("store", "sqlite"),
            string.IsNullOrWhiteSpace(role) ? null : role,
            Encoding.UTF8.GetBytes(string.IsNullOrEmpty(cursorKey) ? DevelopmentCursorKey : cursorKey.PadRight(16, '.')),
            Positive(c, "limits.max-body-bytes", 65536),
            Positive(c, "limits.fanout-members-max", 1000));
    }

    private static int Positive(Config c, string key, int fallback)
    {
        var value = c.GetInt(key, fallback);
        return value > 0 ? value : throw new ConfigurationException($"conversation-actors.{key} must be a positive integer, got {value}");
    }
}
