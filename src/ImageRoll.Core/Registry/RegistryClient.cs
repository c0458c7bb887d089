using System.Net;
using System.Net.Sockets;
using ImageRoll.Net;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Registry;

/// <summary>
/// An OCI distribution (Docker Registry HTTP API v2) client for one registry host over one HttpClient: version check,
/// auth handshake, manifests, blobs, uploads and mounts, with retries for 429, 5xx and dropped connections.
/// Thread-safe: a push shares one client between its concurrent blob uploads.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _auth;
    private readonly RegistryClientOptions _options;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _pingGate = new(1, 1);
    private Uri? _baseUri;

    /// <param name="registry">The registry as image references name it: HOST or HOST:PORT (<c>docker.io</c> allowed).</param>
    public RegistryClient(string registry, RegistryClientOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        ArgumentNullException.ThrowIfNull(options);
        Host = RegistryHosts.ApiHost(registry);
        ReferenceHost = registry;
        _options = options;
        Policy = RegistryHostPolicy.For(Host, options);
        var handler = options.HandlerFactory?.Invoke(Policy) ?? RegistryTransport.CreateHandler(Policy, options.Bounds);
        _http = new HttpClient(new BoundedWaitHandler(handler, options.Bounds, "the registry"), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("imageroll/0.1");
        _log = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ImageRoll.Registry");
        _auth = new RegistryAuthenticator(registry, options.Credentials, _http, _log);
    }

    /// <summary>The host the HTTP requests go to: HOST or HOST:PORT.</summary>
    public string Host { get; }

    /// <summary>The registry as image references name it (<c>docker.io</c> for Docker Hub, whose API host differs).</summary>
    public string ReferenceHost { get; }

    public RegistryHostPolicy Policy { get; }

    internal RegistryClientOptions Options => _options;

    /// <summary>The base URI the version check settled on (https://HOST, or http://HOST for an insecure registry).</summary>
    public Uri? BaseUri => _baseUri;

    /// <summary>The <c>GET /v2/</c> version check: picks the scheme and learns the auth challenge. Idempotent.</summary>
    public Task CheckVersionAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync(VersionCheck, EnsureReadyAsync, cancellationToken);

    private const string VersionCheck = "the version check (GET /v2/)";

    public void Dispose()
    {
        _http.Dispose();
        _pingGate.Dispose();
    }

    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Runs one operation, retrying transient failures with backoff and a 401 once after re-authenticating.</summary>
    internal async Task<T> WithRetriesAsync<T>(string what, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var authRetried = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (AuthRetryException ex)
            {
                if (authRetried)
                {
                    var credential = await _auth.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
                    throw ex.InsufficientScope && credential is not null
                        ? RegistryErrors.Denied(Host, what, _auth.Username)
                        : RegistryErrors.Login(Host, _auth.Username, $"{what}: {ex.Message}");
                }

                authRetried = true;
                attempt--;
            }
            catch (RetryableRegistryException ex)
            {
                if (attempt >= _options.MaxAttempts)
                {
                    throw ex.ConnectionFailure
                        ? new ImageRollException(RegistryErrors.Unreachable, FailureKind.OperationFailed,
                            $"Registry {Host}: {what} failed {attempt} times; the last time {ex.Message}.",
                            ex.InnerException is StalledException or HttpRequestException { InnerException: StalledException }
                                ? "The registry (or a proxy in front of it) accepts connections but does not answer: check that it is healthy and not overloaded, and any proxy or firewall between here and it."
                                : "Check the registry address and port, that it is running, and any proxy between here and it.", ex)
                        : new ImageRollException(RegistryErrors.RetriesExhausted, FailureKind.OperationFailed,
                            $"Registry {Host}: {what} failed {attempt} times; the last time {ex.Message}.",
                            "The registry is overloaded or unhealthy; retry later or check its log.", ex);
                }

                var delay = ex.RetryAfter ?? Backoff(attempt);
                if (delay > _options.RetryMaxDelay)
                {
                    delay = _options.RetryMaxDelay;
                }

                _log.LogWarning("Registry {Host}: {What} failed: {Reason}; retrying in {Delay:0.0}s (attempt {Next} of {Max})",
                    Host, what, ex.Message, delay.TotalSeconds, attempt + 1, _options.MaxAttempts);
                try
                {
                    await _options.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException oce) when (cancellationToken.IsCancellationRequested)
                {
                    throw new WaitCanceledException(
                        $"registry {Host}: {what} failed {attempt} time(s), the last time {ex.Message}; the time ran out before attempt {attempt + 1}", oce, cancellationToken);
                }
            }
        }
    }

    internal Task WithRetriesAsync(string what, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        WithRetriesAsync<bool>(what, async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Sends one request with authorization. Returns any response the caller must interpret; throws
    /// <see cref="AuthRetryException"/> on 401, <see cref="RetryableRegistryException"/> on 429/5xx/dropped
    /// connections, and IR1001/IR1003 on TLS failures and 403.
    /// </summary>
    internal async Task<HttpResponseMessage> SendOnceAsync(
        Func<Uri, HttpRequestMessage> build,
        IReadOnlyList<string> scopes,
        string what,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseHeadersRead)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var request = build(_baseUri!);
        await _auth.AuthorizeAsync(request, scopes, cancellationToken).ConfigureAwait(false);
        var response = await SendRawAsync(request, what, completion, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var challenge = AuthChallenge.FromResponse(response);
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            _auth.OnUnauthorized(challenge, scopes);
            throw new AuthRetryException($"401 Unauthorized{RegistryErrors.Describe(body)}", string.Equals(challenge?.Error, "insufficient_scope", StringComparison.Ordinal));
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            response.Dispose();
            _ = await _auth.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            throw RegistryErrors.Denied(Host, what, _auth.Username);
        }

        if (status == 429 || (status >= 500 && status != 501 && status != 505))
        {
            var retryAfter = RetryAfterOf(response);
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            throw new RetryableRegistryException($"it answered {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}{RegistryErrors.Describe(body)}", retryAfter, connectionFailure: false);
        }

        return response;
    }

    internal static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            try
            {
                return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return string.Empty;
            }
        }
    }

    internal async Task<ImageRollException> UnexpectedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        return RegistryErrors.Unexpected(Host, what, status, body);
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseMs = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(baseMs * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string what, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            _log.LogDebug("{Method} {Uri} -> {Status}", request.Method, request.RequestUri?.GetLeftPart(UriPartial.Path), (int)response.StatusCode);
            return response;
        }
        catch (HttpRequestException ex) when (RegistryTransport.IsTlsFailure(ex))
        {
            throw RegistryErrors.Tls(Host, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new RetryableRegistryException(RegistryErrors.ConnectionFailure(request.RequestUri?.Authority ?? Host, ex), null, connectionFailure: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RetryableRegistryException($"{what} timed out", null, connectionFailure: true, ex);
        }
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_baseUri is not null)
        {
            return;
        }

        await _pingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_baseUri is null)
            {
                await PingAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _pingGate.Release();
        }
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        // Docker's daemon does the same for an insecure registry: try TLS without verification first, then plain HTTP.
        // The TLS attempt gets a short handshake bound (InsecureTlsProbe) so a silent peer does not eat the deadline;
        // a peer that does not even accept the TCP connection is not tried again over the same port.
        var candidates = Policy.Insecure ? new[] { "https", "http" } : new[] { "https" };
        string? earlier = null;
        for (var i = 0; i < candidates.Length; i++)
        {
            var baseUri = new Uri($"{candidates[i]}://{Host}");
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/v2/"));
            if (i < candidates.Length - 1)
            {
                request.Options.Set(BoundedWaitHandler.HandshakeOption, _options.InsecureTlsProbe);
            }

            HttpResponseMessage response;
            try
            {
                response = await SendRawAsync(request, VersionCheck, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (i < candidates.Length - 1 && ex is RetryableRegistryException or ImageRollException && !NotListening(ex))
            {
                _log.LogDebug("Registry {Host}: {Scheme} failed ({Reason}); trying {Next}", Host, candidates[i], ex.Message, candidates[i + 1]);
                earlier = $"over {candidates[i]}, {ex.Message}";
                continue;
            }
            catch (OperationCanceledException ex) when (earlier is not null && cancellationToken.IsCancellationRequested)
            {
                throw new WaitCanceledException($"{earlier}; then over {candidates[i]}, {WaitCanceledException.DescribeFrom(ex) ?? "no answer yet"}", ex, cancellationToken);
            }
            catch (RetryableRegistryException ex) when (earlier is not null)
            {
                throw new RetryableRegistryException($"{earlier}; then over {candidates[i]}, {ex.Message}", ex.RetryAfter, ex.ConnectionFailure, ex.InnerException);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    _auth.Challenge = AuthChallenge.FromResponse(response);
                }
                else if (status == 429 || status >= 500)
                {
                    throw new RetryableRegistryException($"it answered the version check with {status} {response.ReasonPhrase ?? response.StatusCode.ToString()}", RetryAfterOf(response), connectionFailure: false);
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw new ImageRollException(RegistryErrors.NotARegistry, FailureKind.OperationFailed,
                        $"{baseUri}v2/ answered {status} {response.StatusCode}: {Host} does not look like an OCI/Docker v2 registry.",
                        "Check the registry host and port in the image reference.");
                }
            }

            _log.LogDebug("Registry {Host}: using {Base} ({Auth})", Host, baseUri, _auth.Challenge?.Scheme ?? "anonymous");
            _baseUri = baseUri;
            return;
        }
    }

    /// <summary>Refused, or never accepted: the TCP connection failed, so plain HTTP on the same port would too.</summary>
    private static bool NotListening(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is StalledException { Connecting: true }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TimedOut })
            {
                return true;
            }
        }

        return false;
    }
}
