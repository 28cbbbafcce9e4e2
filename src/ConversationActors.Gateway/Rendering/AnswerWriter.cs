using System.Text.Json;
using ConversationActors.Gateway.Http;
using Microsoft.IO;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The one writer of answers (issue 27, item 4): every <see cref="Answer{T}"/> — a whole list, a page, a batch, one
/// conversation, a fan-out's counts — is serialized as its <see cref="Envelope{T}"/> with <see cref="AnswerJson"/>'s
/// options, so a conversation is written by <see cref="ConversationJson"/> wherever it appears. The JSON goes to a
/// pooled buffer first (<see cref="RecyclableMemoryStream"/>), not to Kestrel's response pipe, whose writer takes a lock
/// for every buffer it hands out (issue #14: a page of 100 spent a fifth of its CPU there). An answer that ends within
/// <see cref="FlushBytes"/> (a page) is sent in one write with its Content-Length; a longer one (a whole list) is sent
/// every <see cref="FlushBytes"/> bytes as the serializer produces it (it yields between list items), so memory stays
/// O(page) either way.
/// </summary>
public static class AnswerWriter
{
    /// <summary>Buffered bytes after which the answer is sent as it is written (chunked) rather than in one piece.</summary>
    public const int FlushBytes = 64 * 1024;

    private static readonly RecyclableMemoryStreamManager Buffers = new();

    /// <summary>Writes <paramref name="envelope"/> as the response with HTTP <paramref name="status"/>.</summary>
    public static async Task WriteAsync<T>(HttpContext httpContext, Envelope<T> envelope, int status)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        var options = httpContext.RequestServices.GetRequiredService<AnswerJson>().Options;
        await using var body = new BufferedBody(Buffers.GetStream(nameof(AnswerWriter)), response, ct);
        await JsonSerializer.SerializeAsync(body, envelope, options, ct);
        await body.CompleteAsync();
    }

    /// <summary>The stream the serializer writes to: holds up to <see cref="FlushBytes"/>, then hands them to the response.</summary>
    private sealed class BufferedBody(RecyclableMemoryStream buffer, HttpResponse response, CancellationToken ct) : Stream
    {
        private bool _streaming;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            buffer.Write(source.Span);
            if (buffer.Length >= FlushBytes)
            {
                _streaming = true;
                await SendAsync();
            }
        }

        public override Task WriteAsync(byte[] source, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(source.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] source, int offset, int count) =>
            throw new NotSupportedException("answers are written asynchronously");

        /// <summary>The serializer's flushes keep the bytes here: only <see cref="FlushBytes"/> or the end sends them.</summary>
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>Sends what is left; an answer that never reached <see cref="FlushBytes"/> goes with its Content-Length.</summary>
        public async Task CompleteAsync()
        {
            if (!_streaming)
            {
                response.ContentLength = buffer.Length;
            }

            await SendAsync();
        }

        public override int Read(byte[] destination, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await buffer.DisposeAsync();
            await base.DisposeAsync();
        }

        private async Task SendAsync()
        {
            foreach (var segment in buffer.GetReadOnlySequence())
            {
                await response.Body.WriteAsync(segment, ct);
            }

            buffer.SetLength(0);
        }
    }
}
