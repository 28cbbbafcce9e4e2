namespace ConversationActors.Actors.Configuration;

/// <summary>
/// The environment variables that override HOCON keys. Akka's HOCON parser does not resolve
/// <c>${?ENV}</c> substitutions, so the loader appends <c>key = "value"</c> for each variable that is set.
/// Each key's comment in config/*.conf names its variable (<c># env NAME</c>); a test keeps the two in step.
/// </summary>
public static class EnvironmentOverrides
{
    /// <summary>Every overridable key: the settings catalog, then the Akka keys operators tune (README "Run a cluster").</summary>
    public static IReadOnlyList<(string Path, string Variable)> Table { get; } =
    [
        .. SettingsCatalog.All.Select(s => (s.Path, s.Variable)),
        ("akka.loglevel", "CONVERSATION_ACTORS_LOG_LEVEL"),
        ("akka.remote.dot-netty.tcp.hostname", "CONVERSATION_ACTORS_AKKA_HOST"),
        ("akka.remote.dot-netty.tcp.port", "CONVERSATION_ACTORS_AKKA_PORT"),
        ("akka.cluster.app-version", "CONVERSATION_ACTORS_APP_VERSION"),
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
