using System.Diagnostics;

namespace ImageRoll.Net;

/// <summary>
/// A response body where each read may wait at most <c>idle</c> for the next bytes (infinite: no bound). A read past
/// the bound throws a <see cref="StalledException"/> ("stopped sending after N bytes"); the caller's cancellation
/// (the command's deadline) a <see cref="WaitCanceledException"/> saying how far the body had come.
/// </summary>
internal sealed class IdleBoundedStream(Stream inner, string peer, TimeSpan idle) : Stream
{
    private long _read;
    private long _lastByte = Stopwatch.GetTimestamp();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (idle == Timeout.InfiniteTimeSpan && !cancellationToken.CanBeCanceled)
        {
            return Account(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(idle);
        try
        {
            return Account(await inner.ReadAsync(buffer, cts.Token).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            throw new WaitCanceledException(
                $"{peer} had sent {_read} bytes of its answer, then nothing for {WaitWatch.Elapsed(Stopwatch.GetElapsedTime(_lastByte))}", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && cts.IsCancellationRequested)
        {
            throw new StalledException($"{peer} stopped sending its answer: {_read} bytes arrived, then nothing for {WaitWatch.Bound(idle)}", ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Account(int n)
    {
        if (n > 0)
        {
            _read += n;
            _lastByte = Stopwatch.GetTimestamp();
        }

        return n;
    }
}
