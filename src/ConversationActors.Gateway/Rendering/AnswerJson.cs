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

    private static JsonSerializerOptions WithConversationWriter(JsonSerializerOptions gateway)
    {
        var options = new JsonSerializerOptions(gateway);
        options.Converters.Add(new ConversationJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
