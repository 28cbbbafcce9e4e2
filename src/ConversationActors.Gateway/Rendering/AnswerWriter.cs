using System.Buffers;
using System.Text.Json;
using ConversationActors.Gateway.Http;
using Microsoft.IO;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The one writer of answers (issue 27, item 4): every <see cref="Answer{T}"/> — a whole list, a page, a batch, one
/// conversation, a fan-out's counts — is serialized as its <see cref="Envelope{T}"/> with <see cref="AnswerJson"/>'s
/// options, so a conversation is written by <see cref="ConversationJson"/> wherever it appears. The JSON goes to a
/// pooled buffer first (<see cref="RecyclableMemoryStream"/>), not to Kestrel's response pipe, whose writer takes a lock
/// for every buffer it hands out (issue #14: a page of 100 spent a fifth of its CPU there).
/// <para>
/// How an answer is sent is decided before it is serialized, by what the handler knows of its size
/// (<see cref="Answer{T}.Unbounded"/>), because a synchronous serializer cannot stop half-way to send what it has:
/// </para>
/// <list type="bullet">
/// <item>A bounded answer — a page (at most page-max items), a batch, one conversation, counts; everything but the
/// whole list — is serialized synchronously into the pooled buffer with a <see cref="Utf8JsonWriter"/> and handed to
/// the response pipe in one write with its Content-Length. This is the common case and the cheap one: no async state
/// machine, no serializer-side buffer copied into a stream (the async serializer's path).</item>
/// <item>An unbounded answer — the whole list, thousands of conversations — is serialized asynchronously and sent
/// every <see cref="FlushBytes"/> bytes as the serializer produces them (it yields between list items), chunked, so
/// its memory stays O(page) instead of O(list); one that ends within <see cref="FlushBytes"/> still goes in one write
/// with its Content-Length.</item>
/// </list>
/// </summary>
public static class AnswerWriter
{
    /// <summary>Buffered bytes after which an unbounded answer is sent as it is written (chunked) rather than in one piece.</summary>
    public const int FlushBytes = 64 * 1024;

    private static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <summary>
    /// Writes <paramref name="envelope"/> as the response with HTTP <paramref name="status"/>; an
    /// <paramref name="unbounded"/> one as it is serialized, any other in one piece.
    /// </summary>
    public static Task WriteAsync<T>(HttpContext httpContext, Envelope<T> envelope, int status, bool unbounded = false)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var json = httpContext.RequestServices.GetRequiredService<AnswerJson>();
        return unbounded
            ? StreamAsync(response, envelope, json.Options, httpContext.RequestAborted)
            : SendWholeAsync(response, envelope, json, httpContext.RequestAborted);
    }

    /// <summary>The bounded answer: serialized synchronously into the pooled buffer, then one write with its Content-Length.</summary>
    private static async Task SendWholeAsync<T>(HttpResponse response, Envelope<T> envelope, AnswerJson json, CancellationToken ct)
    {
        using var buffer = Buffers.GetStream(nameof(AnswerWriter));
        using (var writer = new Utf8JsonWriter((IBufferWriter<byte>)buffer, json.WriterOptions))
        {
            JsonSerializer.Serialize(writer, envelope, json.Options);
        }

        response.ContentLength = buffer.Length;

        // WriteAsync, not Write and FlushAsync: Kestrel copies a whole segment under one lock (with the headers, on the
        // first), where GetSpan/Advance would lock per pipe block. A page of 100 is one segment (blocks are 128 KiB).
        foreach (var segment in buffer.GetReadOnlySequence())
        {
            await response.BodyWriter.WriteAsync(segment, ct);
        }
    }

    /// <summary>The unbounded answer: serialized asynchronously, sent every <see cref="FlushBytes"/> bytes.</summary>
    private static async Task StreamAsync<T>(HttpResponse response, Envelope<T> envelope, JsonSerializerOptions options, CancellationToken ct)
    {
        await using var body = new BufferedBody(Buffers.GetStream(nameof(AnswerWriter)), response, ct);
        await JsonSerializer.SerializeAsync(body, envelope, options, ct);
        await body.CompleteAsync();
    }
}
