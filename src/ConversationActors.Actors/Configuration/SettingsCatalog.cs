using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace ConversationActors.Actors.Configuration;

/// <summary>What a setting holds, which decides how it is read and validated.</summary>
public enum SettingKind
{
    /// <summary>A HOCON duration (ms, s, m, h, d) between <see cref="Setting.Min"/> and <see cref="Setting.Max"/> milliseconds.</summary>
    Duration,

    /// <summary>An integer between <see cref="Setting.Min"/> and <see cref="Setting.Max"/>.</summary>
    Integer,

    /// <summary>Text; <see cref="Setting.Min"/> is the least length when set (0: may be empty).</summary>
    Text,
}

/// <summary>
/// One setting of <c>conversation-actors { }</c>: its key, environment variable, default, allowed range and meaning.
/// The <see cref="SettingsCatalog"/> is the one list of them (issue #18): readers validate against it, the environment
/// overrides come from it, and the README's settings table is generated from it.
/// </summary>
public sealed record Setting(
    string Key, string Variable, SettingKind Kind, string Default, string Meaning, long Min = 0, long Max = long.MaxValue, string Unit = "characters")
{
    public string Path => "conversation-actors." + Key;

    /// <summary>The allowed values in words, for errors and the README.</summary>
    public string Range => Kind switch
    {
        SettingKind.Integer => Max == long.MaxValue ? $"{Min:N0} or more" : $"{Min:N0} to {Max:N0}",
        SettingKind.Duration => $"{Ms(Min)} to {Ms(Max)}",
        _ => Min == 1 ? "non-empty text" : Min > 1 ? $"empty, or at least {Min} {Unit}" : "any text",
    };

    private static string Ms(long ms) => ms switch
    {
        0 => "0",
        _ when ms % 86_400_000 == 0 => $"{ms / 86_400_000}d",
        _ when ms % 3_600_000 == 0 => $"{ms / 3_600_000}h",
        _ when ms % 60_000 == 0 => $"{ms / 60_000}m",
        _ when ms % 1000 == 0 => $"{ms / 1000}s",
        _ => $"{ms}ms",
    };
}

/// <summary>
/// Every setting under <c>conversation-actors</c> (SPEC 7 and the operational ones), read from HOCON (config/*.conf),
/// each overridable by its environment variable, validated when the node starts: a value out of range stops the start
/// with a message naming the key, the allowed range and the variable. Nothing is silently padded or ignored.
/// </summary>
public static class SettingsCatalog
{
    private const long Day = 86_400_000;

    public static IReadOnlyList<Setting> All { get; } =
    [
        new("retention", "CONVERSATION_ACTORS_RETENTION", SettingKind.Duration, "7d",
            "a conversation disappears this long after its latest activity; `0` = forever; pinned never expire", 0, 3650 * Day),
        new("max-conversations", "CONVERSATION_ACTORS_MAX_CONVERSATIONS", SettingKind.Integer, "5000",
            "per user; the unpinned one with the lowest orderKey is dropped beyond it", 1, 1_000_000),
        new("page-max", "CONVERSATION_ACTORS_PAGE_MAX", SettingKind.Integer, "500", "largest `count` of a page", 1, 10_000),
        new("page-default", "CONVERSATION_ACTORS_PAGE_DEFAULT", SettingKind.Integer, "100", "`count` of a page that names none; at most `page-max`", 1, 10_000),
        new("batch-max", "CONVERSATION_ACTORS_BATCH_MAX", SettingKind.Integer, "100", "most IDs in one batch query or multi-conversation write", 1, 10_000),
        new("dedupe-window", "CONVERSATION_ACTORS_DEDUPE_WINDOW", SettingKind.Integer, "10000", "msgIDs remembered per user for idempotent retries", 1, 10_000_000),
        new("snapshot-every", "CONVERSATION_ACTORS_SNAPSHOT_EVERY", SettingKind.Integer, "1000", "snapshot cadence in events (recovery replays at most this many)", 1, 10_000_000),
        new("max-pending-writes", "CONVERSATION_ACTORS_MAX_PENDING_WRITES", SettingKind.Integer, "1000",
            "writes of one user that may wait for the store at once (group commit); beyond it a write answers 503 TIMEOUT at once", 1, 1_000_000),
        new("passivate-after", "CONVERSATION_ACTORS_PASSIVATE_AFTER", SettingKind.Duration, "2m", "idle entities are stopped and recovered on demand", 1000, 7 * Day),
        new("ask-timeout", "CONVERSATION_ACTORS_ASK_TIMEOUT", SettingKind.Duration, "5s", "how long the gateway waits before answering 503 TIMEOUT", 100, 600_000),
        new("profile-cache-ttl", "CONVERSATION_ACTORS_PROFILE_CACHE_TTL", SettingKind.Duration, "10s", "staleness allowed for names/avatars in list answers", 0, Day),
        new("profile-cache-size", "CONVERSATION_ACTORS_PROFILE_CACHE_SIZE", SettingKind.Integer, "100000", "profiles cached per node", 1, 100_000_000),
        new("shard-count", "CONVERSATION_ACTORS_SHARD_COUNT", SettingKind.Integer, "100", "about ten per node; never change it in a cluster's life", 1, 100_000),
        new("store", "CONVERSATION_ACTORS_STORE", SettingKind.Text, "sqlite", "`sqlite` or `postgres`"),
        new("sqlite.connection-string", "CONVERSATION_ACTORS_SQLITE_CONNECTION", SettingKind.Text, "Data Source=data/conversations.db", "SQLite journal file"),
        new("sqlite.batch-across-entities", "CONVERSATION_ACTORS_SQLITE_BATCH_ACROSS_ENTITIES", SettingKind.Integer, "1",
            "1: concurrent users' events share journal transactions (and the plugins open SQLite connections off their callers' threads); 0: each write commits alone (as before issue #13; for comparison)", 0, 1),
        new("postgres.connection-string", "CONVERSATION_ACTORS_POSTGRES_CONNECTION", SettingKind.Text, "local `conversations` db", "PostgreSQL journal"),
        new("cursor-key", "CONVERSATION_ACTORS_CURSOR_KEY", SettingKind.Text, "built-in development key",
            "signs paging cursors; set it (same on every node) in production", 16),
        new("entity-role", "CONVERSATION_ACTORS_ENTITY_ROLE", SettingKind.Text, "empty (every node)", "nodes without this role run as gateway only"),
        new("changes.keep-alive", "CONVERSATION_ACTORS_CHANGES_KEEP_ALIVE", SettingKind.Duration, "15s",
            "a quiet change-feed stream gets a keep-alive comment this often (each also asks the user's entity what follows)", 100, 3_600_000),
        new("changes.buffer-size", "CONVERSATION_ACTORS_CHANGES_BUFFER_SIZE", SettingKind.Integer, "256",
            "changes queued per stream for a slow client; when full the stream is closed and the client resumes", 1, 1_000_000),
        new("changes.history-size", "CONVERSATION_ACTORS_CHANGES_HISTORY_SIZE", SettingKind.Integer, "256",
            "events whose change items an active entity keeps, so a stream resuming within them needs no journal read", 1, 100_000),
        new("journal.retention", "CONVERSATION_ACTORS_JOURNAL_RETENTION", SettingKind.Duration, "0",
            "journal life cycle (issue 15): events older than this that a snapshot covers are deleted; `0` = keep the whole journal (the complete audit record)", 0, 3650 * Day),
        new("journal.archive-dir", "CONVERSATION_ACTORS_JOURNAL_ARCHIVE_DIR", SettingKind.Text, "empty (no archive)",
            "with `journal.retention`: events are deleted only after `convctl archive` wrote them to NDJSON here (shared by every entity node)"),
        new("limits.max-body-bytes", "CONVERSATION_ACTORS_MAX_BODY_BYTES", SettingKind.Integer, "65536", "larger bodies get 413 before they are read", 1024, 16 << 20),
        new("limits.summary-max-chars", "CONVERSATION_ACTORS_SUMMARY_MAX_CHARS", SettingKind.Integer, "512", "longest message `summary` (UTF-16 units)", 1, 65_536),
        new("limits.draft-max-bytes", "CONVERSATION_ACTORS_DRAFT_MAX_BYTES", SettingKind.Integer, "8192", "longest `draftText` (bytes of UTF-8)", 1, 1 << 20),
        new("limits.fanout-members-max", "CONVERSATION_ACTORS_FANOUT_MEMBERS_MAX", SettingKind.Integer, "1000", "most `memberIDs` in one fan-out", 1, 100_000),
        new("limits.max-request-line-bytes", "CONVERSATION_ACTORS_MAX_REQUEST_LINE_BYTES", SettingKind.Integer, "8192",
            "longer request lines (method, path, query) get 414", 1024, 1 << 20),
        new("limits.max-header-bytes", "CONVERSATION_ACTORS_MAX_HEADER_BYTES", SettingKind.Integer, "32768", "larger headers (all together) get 431", 1024, 1 << 20),
        new("auth.signing-key", "CONVERSATION_ACTORS_AUTH_SIGNING_KEY", SettingKind.Text, "empty (authentication off, loopback only)",
            "HS256 key for bearer tokens, same on every node; e.g. `$(openssl rand -base64 48)`", AuthSettings.MinKeyBytes, Unit: "bytes of UTF-8"),
        new("auth.issuer", "CONVERSATION_ACTORS_AUTH_ISSUER", SettingKind.Text, "conversation-actors", "required `iss` of tokens", 1),
        new("auth.audience", "CONVERSATION_ACTORS_AUTH_AUDIENCE", SettingKind.Text, "conversation-actors", "required `aud` of tokens", 1),
        new("auth.clock-skew", "CONVERSATION_ACTORS_AUTH_CLOCK_SKEW", SettingKind.Duration, "30s", "tolerated clock difference for `exp`/`nbf`", 0, 3_600_000),
        new("rate-limit.window", "CONVERSATION_ACTORS_RATE_LIMIT_WINDOW", SettingKind.Duration, "1s", "the fixed window of the rate limiter", 1, 3_600_000),
        new("rate-limit.permits", "CONVERSATION_ACTORS_RATE_LIMIT_PERMITS", SettingKind.Integer, "100",
            "requests per window per user token (or client IP without a valid token); `0` = unlimited", 0, 1_000_000_000),
        new("rate-limit.admin-permits", "CONVERSATION_ACTORS_RATE_LIMIT_ADMIN_PERMITS", SettingKind.Integer, "5000",
            "requests per window per admin token (and per IP while authentication is off); `0` = unlimited", 0, 1_000_000_000),
        new("store-breaker.max-failures", "CONVERSATION_ACTORS_STORE_BREAKER_MAX_FAILURES", SettingKind.Integer, "5",
            "failed store calls in a row that open the journal's and snapshot store's circuit breakers (calls then fail at once)", 1, 1000),
        new("store-breaker.call-timeout", "CONVERSATION_ACTORS_STORE_BREAKER_CALL_TIMEOUT", SettingKind.Duration, "5s",
            "a store call slower than this counts as failed", 100, 600_000),
        new("store-breaker.reset-timeout", "CONVERSATION_ACTORS_STORE_BREAKER_RESET_TIMEOUT", SettingKind.Duration, "1s",
            "how long an open breaker fails calls at once before it lets one through to try the store again", 100, 600_000),
        new("recovery-event-timeout", "CONVERSATION_ACTORS_RECOVERY_EVENT_TIMEOUT", SettingKind.Duration, "5s",
            "an entity whose recovery gets no snapshot or next event within this fails it (503) and is recovered by the next request", 1000, 600_000),
        new("entity-fault-backoff.min", "CONVERSATION_ACTORS_ENTITY_FAULT_BACKOFF_MIN", SettingKind.Duration, "1s",
            "after a failure of its own (not the store's), an entity answers 503 at once for this long before it recovers again; doubles per failure", 10, 3_600_000),
        new("entity-fault-backoff.max", "CONVERSATION_ACTORS_ENTITY_FAULT_BACKOFF_MAX", SettingKind.Duration, "60s",
            "the longest backoff of a faulted entity", 10, 86_400_000),
        new("cors.allowed-origins", "CONVERSATION_ACTORS_CORS_ALLOWED_ORIGINS", SettingKind.Text, "empty (same origin only)",
            "comma-separated origins (`scheme://host[:port]`) whose pages may call the API, or `*` alone; checked at start"),
        new("format-release", "CONVERSATION_ACTORS_FORMAT_RELEASE", SettingKind.Text, "auto",
            "the release whose stored and cluster formats this node writes: `auto` (the oldest release among the cluster's members) or a release such as `1.0.0`, pinned so a full rollback to it stays possible (docs/upgrading.md)", 1),
    ];

    public static Setting Get(string key) =>
        All.FirstOrDefault(s => s.Key == key) ?? throw new ArgumentException($"'{key}' is not in the settings catalog", nameof(key));

    /// <summary>An integer setting of the root config, validated against its range.</summary>
    public static int Int(Config config, string key)
    {
        var setting = Get(key);
        var text = config.GetString(setting.Path, setting.Default);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= setting.Min && value <= setting.Max
            ? (int)value
            : throw Invalid(setting, $"\"{text}\"");
    }

    /// <summary>A duration setting of the root config, validated against its range.</summary>
    public static TimeSpan Duration(Config config, string key)
    {
        var setting = Get(key);
        TimeSpan value;
        try
        {
            value = config.GetTimeSpan(setting.Path, null, allowInfinite: false);
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException or ArgumentException)
        {
            throw Invalid(setting, $"\"{config.GetString(setting.Path)}\"");
        }

        var ms = (long)value.TotalMilliseconds;
        return ms >= setting.Min && ms <= setting.Max ? value : throw Invalid(setting, $"{value}");
    }

    /// <summary>A text setting of the root config: empty when unset, unless its minimum is 1 (required); else at least its minimum when set.</summary>
    public static string Text(Config config, string key, Func<string, int>? length = null)
    {
        var setting = Get(key);
        var value = config.GetString(setting.Path, string.Empty);
        var size = (length ?? (s => s.Length))(value);
        return setting.Min == 1 && value.Length == 0 ? throw Invalid(setting, "an empty value")
            : value.Length == 0 || size >= setting.Min ? value
            : throw Invalid(setting, $"{size} {setting.Unit}");
    }

    /// <summary>A refusal that names the key, the allowed range, the value and the environment variable.</summary>
    public static ConfigurationException Invalid(Setting setting, string got) =>
        new($"{setting.Path} must be {setting.Range}, got {got} (environment variable {setting.Variable})");

    /// <summary>The README's settings table (between its settings markers); <c>convctl settings</c> prints it.</summary>
    public static string MarkdownTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| setting (`conversation-actors.`) | default | allowed | environment variable | meaning |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var s in All)
        {
            var @default = s.Default.Contains(' ') && s.Kind == SettingKind.Text ? s.Default : $"`{s.Default}`";
            table.AppendLine($"| `{s.Key}` | {@default} | {s.Range} | `{s.Variable}` | {s.Meaning} |");
        }

        return table.ToString();
    }
}
