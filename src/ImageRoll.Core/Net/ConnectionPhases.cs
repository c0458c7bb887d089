using System.Net.Sockets;

namespace ImageRoll.Net;

/// <summary>
/// Sets up a SocketsHttpHandler so each new connection reports its progress to the request that opened it (its
/// <see cref="WaitWatch"/>): connecting, TCP accepted, TLS done. That is what lets a message say "accepted the
/// connection but did not complete the TLS handshake" instead of "timed out". The handler's own ConnectTimeout stays
/// as a backstop a little longer than the connect bound.
/// </summary>
public static class ConnectionPhases
{
    public static void Apply(SocketsHttpHandler handler, NetworkBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(bounds);
        handler.ConnectTimeout = bounds.Connect + TimeSpan.FromSeconds(2);
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var watch = WaitWatch.Of(context.InitialRequestMessage);
            watch?.Connecting();

            // What SocketsHttpHandler does without a callback (its documented equivalent): one dual-mode socket.
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                watch?.Connected();
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        handler.PlaintextStreamFilter = (context, _) =>
        {
            WaitWatch.Of(context.InitialRequestMessage)?.Established();
            return ValueTask.FromResult(context.PlaintextStream);
        };
    }
}
