namespace ImageRoll.Net;

/// <summary>
/// A network wait ran past its bound (<see cref="NetworkBounds"/>): the peer did not connect, answer or keep sending.
/// The message says which wait and for how long, in words a user can act on.
/// </summary>
public sealed class StalledException : IOException
{
    public StalledException(string message, Exception? inner = null)
        : this(message, inner, connecting: false)
    {
    }

    internal StalledException(string message, Exception? inner, bool connecting)
        : base(message, inner)
    {
        Connecting = connecting;
    }

    /// <summary>The peer never accepted the TCP connection (so another scheme on the same port would not either).</summary>
    public bool Connecting { get; }
}
