using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Ids;

/// <summary>
/// A canonical conversation ID (SPEC 3.1): <c>C2C{userID}</c>, <c>GROUP{groupID}</c> or <c>@TIM#SYSTEM</c>.
/// The Flutter forms <c>c2c_{userID}</c> and <c>group_{groupID}</c> are accepted by <see cref="TryParse"/>
/// and normalised; <see cref="Value"/> is always canonical.
/// </summary>
[JsonConverter(typeof(ConversationIdJsonConverter))]
public readonly record struct ConversationId
{
    public const string SystemValue = "@TIM#SYSTEM";
    private const string C2CPrefix = "C2C";
    private const string GroupPrefix = "GROUP";
    private const string FlutterC2CPrefix = "c2c_";
    private const string FlutterGroupPrefix = "group_";

    private ConversationId(string? target, string value)
    {
        Target = target;
        Value = value;
    }

    /// <summary>Read from the canonical prefix (issue #14: one field less in every held conversation).</summary>
    public ConversationType Type => Value is null || Value.StartsWith(C2CPrefix, StringComparison.Ordinal)
        ? ConversationType.C2C
        : Value.StartsWith(GroupPrefix, StringComparison.Ordinal) ? ConversationType.Group : ConversationType.System;

    /// <summary>The peer userID (C2C) or the groupID (GROUP); null for SYSTEM.</summary>
    public string? Target { get; }

    public string Value { get; }

    public string? UserID => Type == ConversationType.C2C ? Target : null;

    public string? GroupID => Type == ConversationType.Group ? Target : null;

    public static ConversationId System { get; } = new(null, SystemValue);

    public static ConversationId C2C(string userID) => new(userID, C2CPrefix + userID);

    public static ConversationId Group(string groupID) => new(groupID, GroupPrefix + groupID);

    /// <summary>Parses any accepted form; <paramref name="error"/> says why not (without the field name).</summary>
    public static bool TryParse(string? text, out ConversationId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "must be a conversation ID (C2C{userID}, GROUP{groupID} or @TIM#SYSTEM), got an empty value";
            return false;
        }

        if (text == SystemValue)
        {
            id = System;
            error = null;
            return true;
        }

        (ConversationType type, string rest)? split =
            text.StartsWith(FlutterC2CPrefix, StringComparison.Ordinal) ? (ConversationType.C2C, text[FlutterC2CPrefix.Length..])
            : text.StartsWith(FlutterGroupPrefix, StringComparison.Ordinal) ? (ConversationType.Group, text[FlutterGroupPrefix.Length..])
            : text.StartsWith(C2CPrefix, StringComparison.Ordinal) ? (ConversationType.C2C, text[C2CPrefix.Length..])
            : text.StartsWith(GroupPrefix, StringComparison.Ordinal) ? (ConversationType.Group, text[GroupPrefix.Length..])
            : null;

        if (split is not { } s)
        {
            error = $"must start with C2C, GROUP, c2c_ or group_, or be {SystemValue}";
            return false;
        }

        var reason = IdRules.Check(s.rest);
        if (reason is not null)
        {
            var what = s.type == ConversationType.C2C ? "the userID" : "the groupID";
            error = $"{what} inside it {reason}";
            return false;
        }

        id = s.type == ConversationType.C2C ? C2C(s.rest) : Group(s.rest);
        error = null;
        return true;
    }

    public static ConversationId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException($"'{text}' {error}");

    public override string ToString() => Value;
}

/// <summary>Serializes a <see cref="ConversationId"/> as its canonical string.</summary>
public sealed class ConversationIdJsonConverter : JsonConverter<ConversationId>
{
    public override ConversationId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ConversationId.TryParse(reader.GetString(), out var id, out var error) ? id : throw new JsonException(error);

    public override void Write(Utf8JsonWriter writer, ConversationId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
