using ImageRoll.Net;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Registry;

/// <summary>How ImageRoll talks to registries: which hosts may be insecure, extra CAs, credentials, retry and upload sizes.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>HOST or HOST:PORT values of <c>--insecure-registry</c>: only these may use plain HTTP or unverified TLS.</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>A PEM bundle (<c>--registry-ca</c>) trusted in addition to the system's roots.</summary>
    public string? CaBundlePath { get; init; }

    public IRegistryCredentialProvider? Credentials { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>How long each network wait may last (connect, first byte, idle mid-body); docs/errors.md, "Bounds".</summary>
    public NetworkBounds Bounds { get; init; } = NetworkBounds.Default;

    /// <summary>
    /// The TLS handshake bound of the https attempt to an <c>--insecure-registry</c> (then plain HTTP is tried): a TLS
    /// server answers a handshake at once and a plain-HTTP one refuses it at once, so a silent peer is not given the
    /// whole connect bound before the fallback.
    /// </summary>
    public TimeSpan InsecureTlsProbe { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per request (and per whole blob upload) before giving up on 429, 5xx or dropped connections.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Blobs up to this size go in one PUT after the POST; larger ones are streamed in PATCH chunks.</summary>
    public long MonolithicUploadLimit { get; init; } = 32L * 1024 * 1024;

    /// <summary>The size of each PATCH of a chunked upload (streamed from the source, never buffered whole).</summary>
    public long ChunkSize { get; init; } = 128L * 1024 * 1024;

    /// <summary>How many blobs a push or copy transfers at once.</summary>
    public int MaxConcurrentBlobs { get; init; } = 4;

    /// <summary>Waits between retries; tests replace it to observe delays without sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>Creates the HTTP handler for a host; tests pass a fake. Null: a SocketsHttpHandler with the TLS policy above.</summary>
    public Func<RegistryHostPolicy, HttpMessageHandler>? HandlerFactory { get; init; }
}
