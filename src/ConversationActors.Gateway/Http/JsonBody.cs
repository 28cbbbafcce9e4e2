using System.Buffers;
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

    /// <summary>
    /// Reads the body into a buffer rented from the shared pool (issue 27: the body was copied through a new 8 KB chunk
    /// and a growing MemoryStream, a quarter of the bytes a write allocated), sized by Content-Length when there is one.
    /// The document parses that buffer in place, so the buffer goes back to the pool only when the response disposes the
    /// document.
    /// </summary>
    private static async Task<BodyFields?> ReadAsync(HttpRequest request, int maxBytes, bool optional, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new RequestRefusedException(BodySizeLimit.Exceeded(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } length and > 0 ? (int)length + 1 : 4096);
        var owned = false;
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new RequestRefusedException(BodySizeLimit.Exceeded(maxBytes));
                }

                if (total == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, total).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            if (total == 0)
            {
                return optional ? null : throw RequestRefusedException.Invalid("request body must be a JSON object, got an empty body");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, total), Options);
            }
            catch (JsonException e)
            {
                throw RequestRefusedException.Invalid($"request body is not valid JSON: {e.Message}");
            }

            request.HttpContext.Response.RegisterForDispose(new PooledDocument(document, buffer));
            owned = true;
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw RequestRefusedException.Invalid($"request body must be a JSON object, got {Describe(document.RootElement)}");
            }

            return new BodyFields(document.RootElement);
        }
        finally
        {
            if (!owned)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>A parsed body and the pooled buffer it reads from: disposed with the response, the buffer goes back last.</summary>
    private sealed class PooledDocument(JsonDocument document, byte[] buffer) : IDisposable
    {
        public void Dispose()
        {
            document.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
