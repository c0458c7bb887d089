namespace ImageRoll.Net;

/// <summary>
/// Bounds every wait of every request it sends (<see cref="NetworkBounds"/>), inside the caller's deadline: it gives
/// each exchange a <see cref="WaitWatch"/>, watches the request body's writes, and wraps the answer's body so each
/// read is idle-bounded. A wait past its bound fails with an HttpRequestException around a
/// <see cref="StalledException"/>; the caller's cancellation with a <see cref="WaitCanceledException"/>. Both say which
/// wait it was (connect, TLS handshake, first byte, a stalled body) and name the peer.
/// </summary>
public sealed class BoundedWaitHandler : DelegatingHandler
{
    /// <summary>Overrides "the NOUN at HOST:PORT" in messages (e.g. a registry's token service).</summary>
    public static readonly HttpRequestOptionsKey<string> PeerOption = new("ImageRoll.Peer");

    /// <summary>A long-lived answer (a watch): its body has no idle bound.</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamingOption = new("ImageRoll.Streaming");

    /// <summary>A shorter TLS handshake bound for this request (the https probe of an insecure registry).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> HandshakeOption = new("ImageRoll.Handshake");

    private readonly string _noun;

    /// <param name="inner">The transport (a SocketsHttpHandler set up with <see cref="ConnectionPhases"/>, or a test's fake).</param>
    /// <param name="bounds">The bounds of each wait.</param>
    /// <param name="noun">What the peer is, for messages: "the registry", "the API server".</param>
    public BoundedWaitHandler(HttpMessageHandler inner, NetworkBounds bounds, string noun)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Bounds = bounds.Validated();
        _noun = noun;
    }

    public NetworkBounds Bounds { get; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var peer = request.Options.TryGetValue(PeerOption, out var p) ? p : $"{_noun} at {request.RequestUri?.Authority}";
        var streaming = request.Options.TryGetValue(StreamingOption, out var s) && s;
        TimeSpan? handshake = request.Options.TryGetValue(HandshakeOption, out var h) ? h : null;
        var tls = string.Equals(request.RequestUri?.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        var watch = new WaitWatch(peer, Bounds, tls, handshake, cancellationToken);
        HttpResponseMessage response;
        try
        {
            request.Options.Set(WaitWatch.Key, watch);
            if (request.Content is { } content)
            {
                request.Content = new WatchedRequestContent(content, watch);
            }

            watch.Start(request.Content is not null);
            response = await base.SendAsync(request, watch.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (watch.Translate(ex) is { } translated)
        {
            watch.Dispose();
            throw translated;
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        watch.Answered();
        response.Content = new WatchedResponseContent(response.Content, watch, peer, streaming ? Timeout.InfiniteTimeSpan : Bounds.Idle);
        return response;
    }
}
