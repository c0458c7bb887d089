namespace ImageRoll.Net;

/// <summary>Where one HTTP exchange is: which wait is running, and so which bound applies.</summary>
internal enum WaitPhase
{
    /// <summary>Name resolution and the TCP connection (bound: connect).</summary>
    Connecting,

    /// <summary>The TLS handshake on an accepted connection (bound: connect, or the probe's shorter bound).</summary>
    Handshaking,

    /// <summary>Between writes of the request body: waiting for its source, not for the peer (no bound of its own).</summary>
    Sending,

    /// <summary>One write of the request body the peer has not accepted yet (bound: idle).</summary>
    Writing,

    /// <summary>The request is sent; no byte of the answer yet (bound: first byte).</summary>
    Awaiting,

    /// <summary>The status line and headers arrived; the body has its own per-read bound.</summary>
    Answered,
}
