namespace ImageRoll.Net;

/// <summary>
/// How long each network wait of one HTTP exchange may last (docs/errors.md, "Bounds"). Every wait is also bounded by
/// the command's deadline, which the caller's CancellationToken carries: whichever comes first ends the wait, and the
/// message says which wait it was.
/// </summary>
public sealed record NetworkBounds
{
    /// <summary>The defaults: 15 s to connect (TCP and TLS), 30 s to the first byte of the answer, 30 s of silence mid-body.</summary>
    public static NetworkBounds Default { get; } = new();

    /// <summary>Resolving the name, the TCP connection and the TLS handshake.</summary>
    public TimeSpan Connect { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>From the last byte of the request to the first byte of the answer (its status line).</summary>
    public TimeSpan FirstByte { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest silence in the middle of a body: no byte of the answer arriving, or one write of the request body
    /// not accepted by the peer. Long-lived streams (Kubernetes watches) are exempt; they end on the deadline.
    /// </summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws ArgumentOutOfRangeException when a bound is not positive or is longer than a timer can wait.</summary>
    public NetworkBounds Validated()
    {
        foreach (var (name, value) in new[] { ("connect", Connect), ("first-byte", FirstByte), ("idle", Idle) })
        {
            if (value <= TimeSpan.Zero || value.TotalMilliseconds > uint.MaxValue - 1.0)
            {
                throw new ArgumentOutOfRangeException(name, value, $"The {name} bound must be positive and under 49 days.");
            }
        }

        return this;
    }
}
