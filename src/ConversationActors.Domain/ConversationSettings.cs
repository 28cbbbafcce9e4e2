namespace ConversationActors.Domain;

/// <summary>
/// The fold's settings (SPEC 7) and limits (SPEC 5). The properties are read from HOCON through the settings
/// catalog (Actors/Configuration/SettingsCatalog.cs, which validates them); the constants are fixed limits.
/// Defaults are the SPEC's.
/// </summary>
public sealed record ConversationSettings
{
    /// <summary>How long a conversation lives after its latest activity; zero keeps it forever.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);

    public int MaxConversations { get; init; } = 5000;

    /// <summary>How many of the user's latest applied msgIDs are remembered for idempotency.</summary>
    public int DedupeWindow { get; init; } = 10_000;

    public int PageMax { get; init; } = 500;

    public int PageDefault { get; init; } = 100;

    public int BatchMax { get; init; } = 100;

    public int SummaryMaxChars { get; init; } = 512;

    public int DraftMaxBytes { get; init; } = 8 * 1024;

    /// <summary>A friend remark's limit in bytes of UTF-8 (decision "remark ≤ 96 bytes"); fixed, not a setting.</summary>
    public const int RemarkMaxBytes = 96;

    /// <summary>Most atUserIDs in one message; fixed, not a setting.</summary>
    public const int AtUserIDsMax = 100;

    /// <summary>Tencent's limit on a conversation's customData, in bytes of UTF-8; fixed, not a setting.</summary>
    public const int CustomDataMaxBytes = 256;

    /// <summary>Tencent's limit on conversation groups per user; fixed, not a setting.</summary>
    public const int ConversationGroupsMax = 20;

    /// <summary>Tencent's limit on a conversation group's name.</summary>
    public const int GroupNameMaxBytes = 32;

    /// <summary>Profile limits (UTF-16 units): nickname and group name.</summary>
    public const int ProfileNameMaxChars = 256;

    /// <summary>Profile limits (UTF-16 units): faceUrl.</summary>
    public const int ProfileUrlMaxChars = 2048;

    /// <summary>Profile limits (UTF-16 units): selfSignature, introduction, notification.</summary>
    public const int ProfileTextMaxChars = 4096;

    /// <summary>SPEC 4.3: the most journal entries one <c>/events</c> page answers.</summary>
    public const int EventsLimitMax = 1000;

    /// <summary>How many non-matching conversations a filtered page skips before it answers (fewer items, not finished).</summary>
    public const int FilterScanMax = 1000;

    /// <summary>SPEC 3.4: how far ahead of server time a message timestamp may be; fixed, not a setting.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Unread messages per conversation whose timestamps are kept for partial reads.</summary>
    public const int TrackedUnreadPerConversation = 1000;

    /// <summary>
    /// Delete watermarks kept per user (SPEC 3.4): beyond it the lowest watermark is dropped first, so a
    /// delayed message of a conversation deleted longer ago than that many deletions may create it again.
    /// A constant, not a setting, so that replaying a journal never depends on configuration.
    /// </summary>
    public const int DeleteWatermarksPerUser = 1000;

    /// <summary>@ entries kept per conversation; older ones are dropped first.</summary>
    public const int AtEntriesPerConversation = 1000;

    public static ConversationSettings Default { get; } = new();

    public long RetentionMs => (long)Retention.TotalMilliseconds;
}
