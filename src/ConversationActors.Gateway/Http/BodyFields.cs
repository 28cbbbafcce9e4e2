using System.Text.Json;
using ConversationActors.Domain.Ids;
using ConversationActors.Domain.Model;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Typed access to the fields of a JSON body. Wrong JSON types are refused, never coerced; each
/// refusal names the field. For optional fields, an explicit null means "absent".
/// </summary>
public sealed class BodyFields(JsonElement root)
{
    public bool Has(string name) => root.TryGetProperty(name, out _);

    public bool IsNull(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null;

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw RequestRefusedException.Invalid($"{name} is required (a string)");

    public string? OptionalString(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw RequestRefusedException.Invalid($"{name} must be a string, got {JsonBody.Describe(value)}");
    }

    public string RequiredId(string name)
    {
        var id = RequiredString(name);
        return IdRules.Check(id) is { } reason ? throw RequestRefusedException.Invalid($"{name} {reason}") : id;
    }

    public string? OptionalId(string name)
    {
        var id = OptionalString(name);
        return id is not null && IdRules.Check(id) is { } reason ? throw RequestRefusedException.Invalid($"{name} {reason}") : id;
    }

    public long RequiredInt64(string name) =>
        OptionalInt64(name) ?? throw RequestRefusedException.Invalid($"{name} is required (an integer)");

    public long? OptionalInt64(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw RequestRefusedException.Invalid($"{name} must be an integer (64-bit), got {Raw(value)}");
    }

    /// <summary>An unsigned 64-bit integer (a mark value may use bit 63).</summary>
    public ulong RequiredUInt64(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw RequestRefusedException.Invalid($"{name} is required (an integer)");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number)
            ? number
            : throw RequestRefusedException.Invalid($"{name} must be an unsigned 64-bit integer, got {Raw(value)}");
    }

    public int? OptionalInt32(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw RequestRefusedException.Invalid($"{name} must be an integer (32-bit), got {Raw(value)}");
    }

    public bool RequiredBool(string name) =>
        OptionalBool(name) ?? throw RequestRefusedException.Invalid($"{name} is required (true or false)");

    public bool? OptionalBool(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw RequestRefusedException.Invalid($"{name} must be true or false, got {JsonBody.Describe(value)}"),
        };
    }

    public T RequiredEnum<T>(string name)
        where T : struct, Enum =>
        OptionalEnum<T>(name) ?? throw RequestRefusedException.Invalid($"{name} is required (one of {WireNames<T>.All})");

    public T? OptionalEnum<T>(string name)
        where T : struct, Enum
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return WireNames<T>.TryParse(text, out var value)
            ? value
            : throw RequestRefusedException.Invalid($"{name} must be one of {WireNames<T>.All}, got \"{Truncate(text)}\"");
    }

    /// <summary>An array of IDs; <paramref name="max"/> bounds its length.</summary>
    public IReadOnlyList<string>? OptionalIdArray(string name, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw RequestRefusedException.Invalid($"{name} must be an array of strings, got {JsonBody.Describe(value)}");
        }

        var count = value.GetArrayLength();
        if (count > max)
        {
            throw RequestRefusedException.Invalid($"{name} must hold at most {max} IDs, got {count}");
        }

        var ids = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw RequestRefusedException.Invalid($"{name}[{index}] must be a string, got {JsonBody.Describe(item)}");
            }

            var id = item.GetString()!;
            if (IdRules.Check(id) is { } reason)
            {
                throw RequestRefusedException.Invalid($"{name}[{index}] {reason}");
            }

            ids.Add(id);
            index++;
        }

        return ids;
    }

    /// <summary>An array of conversation IDs, normalised to canonical form.</summary>
    public IReadOnlyList<ConversationId>? OptionalConversationIdArray(string name, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw RequestRefusedException.Invalid($"{name} must be an array of conversation IDs, got {JsonBody.Describe(value)}");
        }

        var count = value.GetArrayLength();
        if (count > max)
        {
            throw RequestRefusedException.Invalid($"{name} must hold at most {max} conversation IDs, got {count}");
        }

        var ids = new List<ConversationId>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw RequestRefusedException.Invalid($"{name}[{index}] must be a string, got {JsonBody.Describe(item)}");
            }

            ids.Add(ConversationId.TryParse(item.GetString(), out var id, out var error)
                ? id
                : throw RequestRefusedException.Invalid($"{name}[{index}] {error}"));
            index++;
        }

        return ids;
    }

    private static string Raw(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? Truncate(value.GetRawText()) : JsonBody.Describe(value);

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
