using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ConversationActors.Domain.Model;

/// <summary>
/// The exact wire names of the SPEC's enums, read from <see cref="JsonStringEnumMemberNameAttribute"/>.
/// Parsing is ordinal and strict: "text" is not TEXT and numbers are not names.
/// </summary>
public static class WireNames<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ToName = Enum.GetValues<T>().ToFrozenDictionary(
        v => v,
        v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());

    private static readonly FrozenDictionary<string, T> FromName =
        ToName.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>All wire names, comma separated, for error messages.</summary>
    public static string All { get; } = string.Join(", ", ToName.Values.Order(StringComparer.Ordinal));

    public static string Name(T value) => ToName[value];

    public static bool TryParse(string? name, out T value)
    {
        if (name is not null && FromName.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
