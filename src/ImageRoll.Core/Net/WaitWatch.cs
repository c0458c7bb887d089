using System.Diagnostics;
using System.Globalization;
using ImageRoll.Util;

namespace ImageRoll.Net;

/// <summary>
/// The clock of one HTTP exchange: which wait is running (<see cref="WaitPhase"/>), since when, and a cancellation
/// that fires when that wait outlives its bound. The connection callbacks (<see cref="ConnectionPhases"/>), the
/// request body wrapper and the handler move it from phase to phase; when it fires, or the caller's deadline does,
/// it words what was being waited for.
/// </summary>
internal sealed class WaitWatch : IDisposable
{
    internal static readonly HttpRequestOptionsKey<WaitWatch> Key = new("ImageRoll.WaitWatch");

    private readonly object _gate = new();
    private readonly string _peer;
    private readonly NetworkBounds _bounds;
    private readonly TimeSpan _handshake;
    private readonly bool _tls;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _cts;
    private WaitPhase _phase = WaitPhase.Awaiting;
    private TimeSpan _bound = Timeout.InfiniteTimeSpan;
    private long _since = Stopwatch.GetTimestamp();
    private long _bodySent;
    private bool _hasBody;
    private bool _bodyDone;
    private bool _disposed;

    public WaitWatch(string peer, NetworkBounds bounds, bool tls, TimeSpan? handshake, CancellationToken caller)
    {
        _peer = peer;
        _bounds = bounds;
        _tls = tls;
        _handshake = handshake is { } h && h < bounds.Connect ? h : bounds.Connect;
        _caller = caller;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
    }

    /// <summary>Cancelled by the caller or when the current wait outlives its bound.</summary>
    public CancellationToken Token => _cts.Token;

    public static WaitWatch? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var watch) ? watch : null;

    public void Start(bool hasBody)
    {
        _hasBody = hasBody;
        Enter(hasBody ? WaitPhase.Sending : WaitPhase.Awaiting);
    }

    public void Connecting() => Enter(WaitPhase.Connecting);

    public void Connected() => Enter(_tls ? WaitPhase.Handshaking : AfterConnection());

    public void Established() => Enter(AfterConnection());

    public void WriteStarted() => Enter(WaitPhase.Writing);

    public void WriteDone(int bytes)
    {
        Interlocked.Add(ref _bodySent, bytes);
        Enter(WaitPhase.Sending);
    }

    public void BodySent()
    {
        _bodyDone = true;
        Enter(WaitPhase.Awaiting);
    }

    public void Answered() => Enter(WaitPhase.Answered);

    /// <summary>
    /// The exception to throw instead of <paramref name="ex"/>, or null to let it pass: the deadline becomes a
    /// <see cref="WaitCanceledException"/>, a bound (ours, or the handler's connect timeout) an HttpRequestException
    /// whose innermost exception is a <see cref="StalledException"/> naming the wait.
    /// </summary>
    public Exception? Translate(Exception ex)
    {
        lock (_gate)
        {
            var elapsed = Stopwatch.GetElapsedTime(_since);
            if (_caller.IsCancellationRequested)
            {
                return ex as WaitCanceledException ?? new WaitCanceledException(DescribeUnfinished(elapsed), ex, _caller);
            }

            if (_cts.IsCancellationRequested)
            {
                var stalled = new StalledException(DescribeBound(), ex, _phase == WaitPhase.Connecting);
                return new HttpRequestException(HttpRequestError.Unknown, stalled.Message, stalled);
            }

            // SocketsHttpHandler's own ConnectTimeout (a backstop a little longer than ours): an OCE around a TimeoutException.
            if (ex is OperationCanceledException { InnerException: TimeoutException })
            {
                var stalled = new StalledException($"{_peer} did not complete a connection within {Bound(_bounds.Connect)}", ex, _phase == WaitPhase.Connecting);
                return new HttpRequestException(HttpRequestError.ConnectionError, stalled.Message, stalled);
            }

            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _cts.Dispose();
        }
    }

    internal static string Bound(TimeSpan d) => GoDuration.Format(TimeSpan.FromMilliseconds(Math.Round(d.TotalMilliseconds)));

    internal static string Elapsed(TimeSpan d) => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private WaitPhase AfterConnection() => _hasBody && !_bodyDone ? WaitPhase.Sending : WaitPhase.Awaiting;

    private void Enter(WaitPhase phase)
    {
        lock (_gate)
        {
            // Once answered, a late callback (a connection opened for this request but used by another) changes nothing.
            if (_disposed || _cts.IsCancellationRequested || _phase == WaitPhase.Answered)
            {
                return;
            }

            _phase = phase;
            _since = Stopwatch.GetTimestamp();
            _bound = phase switch
            {
                WaitPhase.Connecting => _bounds.Connect,
                WaitPhase.Handshaking => _handshake,
                WaitPhase.Writing => _bounds.Idle,
                WaitPhase.Awaiting => _bounds.FirstByte,
                _ => Timeout.InfiniteTimeSpan,
            };
            _cts.CancelAfter(_bound);
        }
    }

    private string DescribeBound() => _phase switch
    {
        WaitPhase.Connecting => $"{_peer} did not accept a connection within {Bound(_bound)}",
        WaitPhase.Handshaking => $"{_peer} accepted the connection but did not complete the TLS handshake within {Bound(_bound)}",
        WaitPhase.Writing => $"{_peer} stopped reading the request: {_bodySent} bytes of its body were sent, then nothing more was accepted for {Bound(_bound)}",
        _ => $"{_peer} accepted the connection but sent no answer within {Bound(_bound)}",
    };

    private string DescribeUnfinished(TimeSpan elapsed) => _phase switch
    {
        WaitPhase.Connecting => $"{_peer} had not accepted a connection after {Elapsed(elapsed)}",
        WaitPhase.Handshaking => $"{_peer} had accepted the connection but not completed the TLS handshake after {Elapsed(elapsed)}",
        WaitPhase.Writing => $"{_peer} had accepted {_bodySent} bytes of the request body, then nothing for {Elapsed(elapsed)}",
        WaitPhase.Sending => $"the request to {_peer} was still being sent ({_bodySent} bytes of its body so far)",
        WaitPhase.Answered => $"{_peer} was answering",
        _ => $"{_peer} had accepted the connection but sent no answer after {Elapsed(elapsed)}",
    };
}
