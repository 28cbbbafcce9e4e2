using System.Collections.Frozen;
using System.Text.Json;
using ConversationActors.Domain.Model;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The wire names of <typeparamref name="T"/> (<see cref="WireNames{T}"/>, SPEC 3.2) encoded for a
/// <see cref="Utf8JsonWriter"/> once per process, so writing an enum value does not transcode or escape its name.
/// </summary>
public static class WireText<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, JsonEncodedText> Encoded =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonEncodedText.Encode(WireNames<T>.Name(v)));

    /// <summary>The encoded wire name of <paramref name="value"/>; throws KeyNotFoundException for a value outside the enum.</summary>
    public static JsonEncodedText Of(T value) => Encoded[value];
}
