using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The options answers and change-feed frames are written with: the gateway's JSON options
/// (<c>GatewayServices.ConfigureJson</c>, the ones OpenAPI derives every response schema from) plus
/// <see cref="ConversationJsonConverter"/>, which writes a <see cref="ConversationDto"/> by hand in the bytes the
/// serializer would write for its properties (tested). OpenAPI sees the record's properties; the wire gets the fast path.
/// </summary>
public sealed class AnswerJson(IOptions<JsonOptions> json)
{
    /// <summary>Read-only; shared by every answer.</summary>
    public JsonSerializerOptions Options { get; } = WithConversationWriter(json.Value.SerializerOptions);

    /// <summary>
    /// The options of a <see cref="Utf8JsonWriter"/> handed to the serializer, which then writes with the writer's
    /// encoder and layout, not <see cref="Options"/>': those of <see cref="Options"/>, unvalidated like the serializer's
    /// own writers in release builds (the serializer and <see cref="ConversationJson"/> write well-formed JSON; the
    /// serializer still checks its own depth).
    /// </summary>
    public JsonWriterOptions WriterOptions => new()
    {
        Encoder = Options.Encoder,
        Indented = Options.WriteIndented,
        IndentCharacter = Options.IndentCharacter,
        IndentSize = Options.IndentSize,
        NewLine = Options.NewLine,
        SkipValidation = true,
    };

    private static JsonSerializerOptions WithConversationWriter(JsonSerializerOptions gateway)
    {
        var options = new JsonSerializerOptions(gateway);
        options.Converters.Add(new ConversationJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
