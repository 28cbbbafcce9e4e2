using System.Text;
using Akka.Configuration;
using ConversationActors.Actors.Entities;
using ConversationActors.Actors.Journal;
using ConversationActors.Domain;

namespace ConversationActors.Actors.Configuration;

/// <summary>The <c>conversation-actors { }</c> section as typed settings for the entities and the gateway.</summary>
public sealed partial record NodeSettings(
    EntitySettings Entities,
    TimeSpan AskTimeout,
    TimeSpan ProfileCacheTtl,
    int ProfileCacheSize,
    int ShardCount,
    string Store,
    string? EntityRole,
    byte[] CursorKey,
    int FanoutMembersMax)
{
    /// <summary><c>format-release</c>: <c>auto</c> or a pinned release (see <see cref="Serialization.FormatRelease"/>).</summary>
    public string FormatRelease { get; init; } = Serialization.FormatRelease.Auto;

    /// <summary>Used when no cursor-key is configured: fine for one node, documented as such.</summary>
    private const string DevelopmentCursorKey = "conversation-actors-development-cursor-key";

    public ConversationSettings Fold => Entities.Fold;

    /// <summary>Reads and validates the section (<see cref="SettingsCatalog"/>); an invalid value throws naming its key and range.</summary>
    public static NodeSettings From(Config config, TimeProvider time)
    {
        if (!config.HasPath("conversation-actors"))
        {
            throw new ConfigurationException("the conversation-actors section is missing");
        }

        var fold = new ConversationSettings
        {
            Retention = SettingsCatalog.Duration(config, "retention"),
            MaxConversations = SettingsCatalog.Int(config, "max-conversations"),
            PageMax = SettingsCatalog.Int(config, "page-max"),
            PageDefault = SettingsCatalog.Int(config, "page-default"),
            BatchMax = SettingsCatalog.Int(config, "batch-max"),
            DedupeWindow = SettingsCatalog.Int(config, "dedupe-window"),
            SummaryMaxChars = SettingsCatalog.Int(config, "limits.summary-max-chars"),
            DraftMaxBytes = SettingsCatalog.Int(config, "limits.draft-max-bytes"),
        };
        if (fold.PageDefault > fold.PageMax)
        {
            throw new ConfigurationException(
                $"conversation-actors.page-default must be at most page-max ({fold.PageMax}), got {fold.PageDefault} (environment variable CONVERSATION_ACTORS_PAGE_DEFAULT)");
        }

        var cursorKey = SettingsCatalog.Text(config, "cursor-key");
        var role = SettingsCatalog.Text(config, "entity-role");
        var store = SettingsCatalog.Text(config, "store");
        if (store is not ("sqlite" or "postgres"))
        {
            throw new ConfigurationException($"conversation-actors.store must be sqlite or postgres, got '{store}' (environment variable CONVERSATION_ACTORS_STORE)");
        }

        // Read by Akka through akka.conf / the store's file; validated here so a bad value stops the start.
        SettingsCatalog.Duration(config, "passivate-after");
        SettingsCatalog.Int(config, "store-breaker.max-failures");
        SettingsCatalog.Duration(config, "store-breaker.call-timeout");
        SettingsCatalog.Duration(config, "store-breaker.reset-timeout");
        SettingsCatalog.Duration(config, "recovery-event-timeout");
        if (SettingsCatalog.Duration(config, "entity-fault-backoff.min") > SettingsCatalog.Duration(config, "entity-fault-backoff.max"))
        {
            throw new ConfigurationException(
                "conversation-actors.entity-fault-backoff.min must be at most entity-fault-backoff.max (environment variables CONVERSATION_ACTORS_ENTITY_FAULT_BACKOFF_MIN/_MAX)");
        }
        return new NodeSettings(
            new EntitySettings(fold, SettingsCatalog.Int(config, "snapshot-every"), time, SettingsCatalog.Int(config, "changes.history-size"))
            {
                MaxPendingWrites = SettingsCatalog.Int(config, "max-pending-writes"),
                Journal = JournalRetentionFrom(config),
            },
            SettingsCatalog.Duration(config, "ask-timeout"),
            SettingsCatalog.Duration(config, "profile-cache-ttl"),
            SettingsCatalog.Int(config, "profile-cache-size"),
            SettingsCatalog.Int(config, "shard-count"),
            store,
            string.IsNullOrWhiteSpace(role) ? null : role,
            Encoding.UTF8.GetBytes(string.IsNullOrEmpty(cursorKey) ? DevelopmentCursorKey : cursorKey),
            SettingsCatalog.Int(config, "limits.fanout-members-max"))
        {
            FormatRelease = FormatReleaseFrom(config),
        };
    }

    /// <summary><c>format-release</c>: <c>auto</c>, or a release as Akka's app-version writes one (digits and dots, e.g. 1.0.0).</summary>
    private static string FormatReleaseFrom(Config config)
    {
        var value = SettingsCatalog.Text(config, "format-release");
        if (!string.Equals(value, Serialization.FormatRelease.Auto, StringComparison.OrdinalIgnoreCase) && !ReleasePattern().IsMatch(value))
        {
            throw new ConfigurationException(
                $"conversation-actors.format-release must be auto or a release such as 1.0.0, got '{value}' (environment variable CONVERSATION_ACTORS_FORMAT_RELEASE)");
        }

        return value;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9]+(\.[0-9]+){0,2}$")]
    private static partial System.Text.RegularExpressions.Regex ReleasePattern();

    /// <summary><c>journal.retention</c> and <c>journal.archive-dir</c> (an archive folder alone only tells <c>convctl archive</c> where to write).</summary>
    private static JournalRetention JournalRetentionFrom(Config config)
    {
        var archive = SettingsCatalog.Text(config, "journal.archive-dir");
        return new JournalRetention((long)SettingsCatalog.Duration(config, "journal.retention").TotalMilliseconds, archive.Length == 0 ? null : archive);
    }
}
