using ConversationActors.Actors.Configuration;
using ConversationActors.Domain.Errors;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ConversationActors.Gateway.Http;

/// <summary>
/// SPEC 5's body limit, in one place: a body over <c>limits.max-body-bytes</c> is 413 PAYLOAD_TOO_LARGE (80002).
/// Three gates apply it — a declared Content-Length is refused before anything is read
/// (<see cref="EnvelopeMiddleware"/>), a chunked body is refused as soon as it passes the limit
/// (<see cref="JsonBody"/>), and Kestrel's own limit is the backstop for any other reader — and all three use this
/// class, so they agree on the number and the words.
/// </summary>
public static class BodySizeLimit
{
    public static void Configure(KestrelServerOptions kestrel, EdgeSettings settings) =>
        kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;

    /// <summary>The refusal of a request whose declared Content-Length is over the limit; null when it is within it.</summary>
    public static Refusal? CheckDeclared(HttpRequest request, EdgeSettings settings) =>
        request.ContentLength > settings.MaxBodyBytes ? Exceeded(settings.MaxBodyBytes, request.ContentLength) : null;

    /// <summary>The refusal of a body over <paramref name="maxBytes"/> (<paramref name="got"/>: its size, when known).</summary>
    public static Refusal Exceeded(int maxBytes, long? got = null) =>
        new(ErrorCode.PayloadTooLarge, got is { } size ? $"request body must be at most {maxBytes} bytes, got {size}" : $"request body must be at most {maxBytes} bytes");
}
