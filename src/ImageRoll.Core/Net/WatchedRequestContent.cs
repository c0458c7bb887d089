using System.Net;

namespace ImageRoll.Net;

/// <summary>
/// A request body that tells its <see cref="WaitWatch"/> when each write to the connection starts and ends, so a
/// peer that stops reading is caught by the idle bound while a slow source (a blob streamed from another registry)
/// is not mistaken for it; and when the body is complete, so the first-byte wait starts then.
/// </summary>
internal sealed class WatchedRequestContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly WaitWatch _watch;

    public WatchedRequestContent(HttpContent inner, WaitWatch watch)
    {
        _inner = inner;
        _watch = watch;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await _inner.CopyToAsync(new WriteWatchStream(stream, _watch), context, cancellationToken).ConfigureAwait(false);
        _watch.BodySent();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The connection's write side, reporting each write to the watch. Does not own the stream.</summary>
    private sealed class WriteWatchStream(Stream inner, WaitWatch watch) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            watch.WriteStarted();
            inner.Write(buffer, offset, count);
            watch.WriteDone(count);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            watch.WriteStarted();
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            watch.WriteDone(buffer.Length);
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
