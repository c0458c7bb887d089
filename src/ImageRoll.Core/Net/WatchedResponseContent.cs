using System.Net;

namespace ImageRoll.Net;

/// <summary>
/// An answer's body read through an <see cref="IdleBoundedStream"/>: every read waits at most the idle bound (none
/// for a long-lived stream such as a watch). Owns the exchange's <see cref="WaitWatch"/> and the original content.
/// </summary>
internal sealed class WatchedResponseContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly WaitWatch _watch;
    private readonly string _peer;
    private readonly TimeSpan _idle;

    public WatchedResponseContent(HttpContent inner, WaitWatch watch, string peer, TimeSpan idle)
    {
        _inner = inner;
        _watch = watch;
        _peer = peer;
        _idle = idle;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new IdleBoundedStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _peer, _idle);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
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
            _watch.Dispose();
        }

        base.Dispose(disposing);
    }
}
