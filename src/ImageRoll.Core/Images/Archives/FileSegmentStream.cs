using Microsoft.Win32.SafeHandles;

namespace ImageRoll.Images.Archives;

/// <summary>
/// A read-only, seekable window [offset, offset+length) of a file, read with positional I/O
/// (<see cref="RandomAccess"/>) so any number of these can stream from one handle at once, e.g. several layers
/// of one tar uploaded concurrently. The handle belongs to the caller and is not closed here.
/// </summary>
internal sealed class FileSegmentStream(SafeFileHandle handle, long offset, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = Clamp(buffer.Length);
        if (n == 0)
        {
            return 0;
        }

        var read = RandomAccess.Read(handle, buffer[..n], offset + _position);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = Clamp(buffer.Length);
        if (n == 0)
        {
            return 0;
        }

        var read = await RandomAccess.ReadAsync(handle, buffer[..n], offset + _position, cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Clamp(int wanted) => (int)Math.Max(0, Math.Min(wanted, length - _position));
}
