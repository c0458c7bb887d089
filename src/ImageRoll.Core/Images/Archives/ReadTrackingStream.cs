namespace ImageRoll.Images.Archives;

/// <summary>
/// Wraps the tar file while <see cref="TarFileStore"/> indexes it and remembers where the last read ended. TarReader
/// (copyData: false) reads an entry's header blocks and returns without reading its data; whether it then seeks past
/// the data at once (newer runtimes) or on the next call (.NET 8), the end of the last read is the data offset.
/// </summary>
internal sealed class ReadTrackingStream(Stream inner) : Stream
{
    public long LastReadEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        LastReadEnd = inner.Position;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
