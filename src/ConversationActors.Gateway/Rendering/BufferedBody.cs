using Microsoft.IO;

namespace ConversationActors.Gateway.Rendering;

/// <summary>
/// The stream <see cref="AnswerWriter"/> serializes an unbounded answer into: holds up to
/// <see cref="AnswerWriter.FlushBytes"/>, then hands them to the response, so a whole list is sent chunked as it is
/// written rather than buffered whole.
/// </summary>
internal sealed class BufferedBody(RecyclableMemoryStream buffer, HttpResponse response, CancellationToken ct) : Stream
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
        if (buffer.Length >= AnswerWriter.FlushBytes)
        {
            _streaming = true;
            await SendAsync();
        }
    }

    public override Task WriteAsync(byte[] source, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(source.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] source, int offset, int count) =>
        throw new NotSupportedException("answers are written asynchronously");

    /// <summary>The serializer's flushes keep the bytes here: only <see cref="AnswerWriter.FlushBytes"/> or the end sends them.</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends what is left; an answer that never reached <see cref="AnswerWriter.FlushBytes"/> goes with its Content-Length.</summary>
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
