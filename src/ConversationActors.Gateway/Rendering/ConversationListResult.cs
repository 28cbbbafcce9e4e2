using System.Text.Json;
using ConversationActors.Domain.Queries;
using Microsoft.IO;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// A list answer (SPEC 4.1: the whole list, a page, a batch) written straight to the response: the envelope
/// <c>{"code":0,"desc":"","data":{"conversationList":[…],"isFinished":…,"nextSeq":…}}</c> (a batch has neither
/// isFinished nor nextSeq), each conversation written once from the entity's view with <see cref="ConversationJson"/>,
/// no DTO per item. The JSON goes to a pooled buffer first (<see cref="RecyclableMemoryStream"/>), not to Kestrel's
/// response pipe, whose writer takes a lock for every buffer it hands out (issue #14: a page of 100 spent a fifth of
/// its CPU there). An answer that ends within <see cref="FlushBytes"/> (a page) is sent in one write with its
/// Content-Length; a longer one (a whole list) is sent every <see cref="FlushBytes"/> bytes as it is written, so memory
/// stays O(page) either way. The bytes are those <c>Envelope.Ok(new { conversationList, isFinished, nextSeq })</c>
/// would write with the same options.
/// </summary>
public sealed class ConversationListResult(
    IReadOnlyList<ConversationView> views, ProfileLookup profiles, JsonSerializerOptions options, bool? isFinished = null, string? nextSeq = null) : IResult
{
    /// <summary>Buffered bytes after which the answer is sent as it is written (chunked) rather than in one piece.</summary>
    public const int FlushBytes = 64 * 1024;

    private static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using var buffer = Buffers.GetStream(nameof(ConversationListResult));
        await using var writer = new Utf8JsonWriter((System.Buffers.IBufferWriter<byte>)buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteNumber("code", 0);
        writer.WriteString("desc", string.Empty);
        writer.WriteStartObject("data");
        writer.WriteStartArray("conversationList");
        var streaming = false;
        for (var i = 0; i < views.Count; i++)
        {
            ConversationJson.Write(writer, views[i], profiles.UserAt(i), profiles.GroupAt(i));
            if (writer.BytesPending + buffer.Length >= FlushBytes)
            {
                streaming = true;
                await SendAsync(writer, buffer, response, ct);
            }
        }

        writer.WriteEndArray();
        if (isFinished is { } finished)
        {
            writer.WriteBoolean("isFinished", finished);
            writer.WriteString("nextSeq", nextSeq);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        if (!streaming)
        {
            response.ContentLength = buffer.Length;
        }

        await SendAsync(writer, buffer, response, ct);
    }

    /// <summary>Hands what the writer has buffered to the response and empties the buffer for what follows.</summary>
    private static async Task SendAsync(Utf8JsonWriter writer, RecyclableMemoryStream buffer, HttpResponse response, CancellationToken ct)
    {
        writer.Flush();
        foreach (var segment in buffer.GetReadOnlySequence())
        {
            await response.Body.WriteAsync(segment, ct);
        }

        buffer.SetLength(0);
    }
}
