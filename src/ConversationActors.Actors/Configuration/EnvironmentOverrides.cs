namespace ConversationActors.Actors.Configuration;

/// <summary>
/// The environment variables that override HOCON keys. Akka's HOCON parser does not resolve
/// <c>${?ENV}</c> substitutions, so the loader appends <c>key = "value"</c> for each variable that is set.
/// Each key's comment in config/*.conf names its variable (<c># env NAME</c>); a test keeps the two in step.
/// </summary>
public static class EnvironmentOverrides
{
    public static IReadOnlyList<(string Path, string Variable)> Table { get; } =
    [
        ("conversation-actors.retention", "CONVERSATION_ACTORS_RETENTION"),
        ("conversation-actors.max-conversations", "CONVERSATION_ACTORS_MAX_CONVERSATIONS"),
        ("conversation-actors.page-max", "CONVERSATION_ACTORS_PAGE_MAX"),
        ("conversation-actors.page-default", "CONVERSATION_ACTORS_PAGE_DEFAULT"),
        ("conversation-actors.batch-max", "CONVERSATION_ACTORS_BATCH_MAX"),
        ("conversation-actors.dedupe-window", "CONVERSATION_ACTORS_DEDUPE_WINDOW"),
        ("conversation-actors.snapshot-every", "CONVERSATION_ACTORS_SNAPSHOT_EVERY"),
        ("conversation-actors.passivate-after", "CONVERSATION_ACTORS_PASSIVATE_AFTER"),
        ("conversation-actors.ask-timeout", "CONVERSATION_ACTORS_ASK_TIMEOUT"),
        ("conversation-actors.profile-cache-ttl", "CONVERSATION_ACTORS_PROFILE_CACHE_TTL"),
        ("conversation-actors.profile-cache-size", "CONVERSATION_ACTORS_PROFILE_CACHE_SIZE"),
        ("conversation-actors.shard-count", "CONVERSATION_ACTORS_SHARD_COUNT"),
        ("conversation-actors.store", "CONVERSATION_ACTORS_STORE"),
        ("conversation-actors.entity-role", "CONVERSATION_ACTORS_ENTITY_ROLE"),
        ("conversation-actors.cursor-key", "CONVERSATION_ACTORS_CURSOR_KEY"),
        ("conversation-actors.changes.keep-alive", "CONVERSATION_ACTORS_CHANGES_KEEP_ALIVE"),
        ("conversation-actors.changes.buffer-size", "CONVERSATION_ACTORS_CHANGES_BUFFER_SIZE"),
        ("conversation-actors.limits.max-body-bytes", "CONVERSATION_ACTORS_MAX_BODY_BYTES"),
        ("conversation-actors.limits.fanout-members-max", "CONVERSATION_ACTORS_FANOUT_MEMBERS_MAX"),
        ("conversation-actors.limits.max-request-line-bytes", "CONVERSATION_ACTORS_MAX_REQUEST_LINE_BYTES"),
        ("conversation-actors.limits.max-header-bytes", "CONVERSATION_ACTORS_MAX_HEADER_BYTES"),
        ("conversation-actors.auth.signing-key", "CONVERSATION_ACTORS_AUTH_SIGNING_KEY"),
        ("conversation-actors.auth.issuer", "CONVERSATION_ACTORS_AUTH_ISSUER"),
        ("conversation-actors.auth.audience", "CONVERSATION_ACTORS_AUTH_AUDIENCE"),
        ("conversation-actors.auth.clock-skew", "CONVERSATION_ACTORS_AUTH_CLOCK_SKEW"),
        ("conversation-actors.rate-limit.window", "CONVERSATION_ACTORS_RATE_LIMIT_WINDOW"),
        ("conversation-actors.rate-limit.permits", "CONVERSATION_ACTORS_RATE_LIMIT_PERMITS"),
        ("conversation-actors.rate-limit.admin-permits", "CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS"),
        ("conversation-actors.cors.allowed-origins", "CONVERSATION_ACTORS_CORS_ALLOWED_ORIGINS"),
        ("conversation-actors.sqlite.connection-string", "CONVERSATION_ACTORS_SQLITE_CONNECTION"),
        ("conversation-actors.postgres.connection-string", "CONVERSATION_ACTORS_POSTGRES_CONNECTION"),
        ("akka.loglevel", "CONVERSATION_ACTORS_LOG_LEVEL"),
        ("akka.remote.dot-netty.tcp.hostname", "CONVERSATION_ACTORS_AKKA_HOST"),
        ("akka.remote.dot-netty.tcp.port", "CONVERSATION_ACTORS_AKKA_PORT"),
        ("akka.cluster.failure-detector.heartbeat-interval", "CONVERSATION_ACTORS_HEARTBEAT_INTERVAL"),
        ("akka.cluster.failure-detector.acceptable-heartbeat-pause", "CONVERSATION_ACTORS_HEARTBEAT_PAUSE"),
        ("akka.cluster.failure-detector.threshold", "CONVERSATION_ACTORS_FD_THRESHOLD"),
        ("akka.cluster.split-brain-resolver.active-strategy", "CONVERSATION_ACTORS_SBR_STRATEGY"),
        ("akka.cluster.split-brain-resolver.stable-after", "CONVERSATION_ACTORS_SBR_STABLE_AFTER"),
        ("akka.cluster.down-removal-margin", "CONVERSATION_ACTORS_DOWN_REMOVAL_MARGIN"),
        ("akka.cluster.sharding.retry-interval", "CONVERSATION_ACTORS_SHARDING_RETRY_INTERVAL"),
        ("akka.cluster.sharding.handoff-timeout", "CONVERSATION_ACTORS_SHARDING_HANDOFF_TIMEOUT"),
        ("akka.cluster.sharding.rebalance-interval", "CONVERSATION_ACTORS_SHARDING_REBALANCE_INTERVAL"),
        ("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit", "CONVERSATION_ACTORS_REBALANCE_ABSOLUTE_LIMIT"),
        ("akka.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit", "CONVERSATION_ACTORS_REBALANCE_RELATIVE_LIMIT"),
    ];

    /// <summary>HOCON lines for the variables set in <paramref name="environment"/>.</summary>
    public static string ToHocon(Func<string, string?> environment)
    {
        var lines = new List<string>();
        foreach (var (path, variable) in Table)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                lines.Add($"{path} = {Quote(value)}");
            }
        }

        return string.Join("\n", lines);
    }

    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
