using System.Text.Json;
using ConversationActors.Domain.Errors;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// Reads a request body as one JSON object, strictly: at most the configured bytes, valid JSON, no
/// duplicate keys, an object at the root. Field access goes through <see cref="BodyFields"/>.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    public static async Task<BodyFields> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken) =>
        await ReadAsync(request, maxBytes, optional: false, cancellationToken)
            ?? throw RequestRefusedException.Invalid("request body must be a JSON object, got an empty body");

    /// <summary>Like <see cref="ReadObjectAsync"/>, but an empty body (however it was framed) is no body: null.</summary>
    public static Task<BodyFields?> ReadOptionalObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken) =>
        ReadAsync(request, maxBytes, optional: true, cancellationToken);

    private static async Task<BodyFields?> ReadAsync(HttpRequest request, int maxBytes, bool optional, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new RequestRefusedException(BodySizeLimit.Exceeded(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return optional ? null : throw RequestRefusedException.Invalid("request body must be a JSON object, got an empty body");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), Options);
        }
        catch (JsonException e)
        {
            throw RequestRefusedException.Invalid($"request body is not valid JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw RequestRefusedException.Invalid($"request body must be a JSON object, got {Describe(document.RootElement)}");
        }

        request.HttpContext.Response.RegisterForDispose(document);
        return new BodyFields(document.RootElement);
    }

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
