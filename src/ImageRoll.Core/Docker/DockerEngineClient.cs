using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Docker;

/// <summary>
/// The Docker Engine API over HttpClient: unix socket, tcp:// or TCP+TLS (<see cref="DockerHttpHandlerFactory"/>).
/// The API version comes from <c>GET /_ping</c>'s <c>API-Version</c> header, capped at 1.41 (what ImageRoll is
/// tested against; the legacy builder and push are unchanged since), and every request path is pinned to it.
/// </summary>
public sealed class DockerEngineClient : IDockerEngine, IDisposable
{
    /// <summary>The highest API version ImageRoll speaks; newer daemons accept it (they support older versions).</summary>
    public static readonly Version MaxApiVersion = new(1, 41);

    /// <summary><c>target</c>, <c>buildargs</c> and <c>labels</c> on /build are all present from 1.30 on.</summary>
    public static readonly Version MinApiVersion = new(1, 30);

    private readonly HttpClient _http;
    private readonly DockerConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private string? _version;

    public DockerEngineClient(DockerConnectionOptions options, ILogger? logger = null)
        : this(options, DockerHttpHandlerFactory.Create(options), logger)
    {
    }

    internal DockerEngineClient(DockerConnectionOptions options, HttpMessageHandler handler, ILogger? logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? NullLogger.Instance;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = DockerHttpHandlerFactory.BaseAddress(options),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ImageRoll", "0.1"));
    }

    public DockerConnectionOptions Options => _options;

    public async Task<string> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (_version is not null)
        {
            return _version;
        }

        await _negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_version is not null)
            {
                return _version;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "_ping");
            using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, "ping the daemon", cancellationToken).ConfigureAwait(false);
            var server = response.Headers.TryGetValues("API-Version", out var values) && Version.TryParse(values.FirstOrDefault(), out var v) ? v : null;
            if (server is not null && server < MinApiVersion)
            {
                throw new ImageRollException(DockerErrors.ApiTooOld, FailureKind.OperationFailed,
                    $"The Docker daemon at {_options.Describe()} speaks API {server}; ImageRoll needs {MinApiVersion} or later.",
                    "Upgrade Docker Engine (17.06 or later).");
            }

            // A daemon that does not say (very old, or a proxy) is spoken to at the cap, as the docker CLI falls back.
            var chosen = server is null || server > MaxApiVersion ? MaxApiVersion : server;
            _version = "v" + chosen.ToString(2);
            _logger.LogDebug("Docker daemon at {Endpoint}: API {Server}, using {Version}", _options.Describe(), server?.ToString() ?? "unknown", _version);
            return _version;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    public async Task<DockerBuildResult> BuildAsync(
        DockerBuildParameters parameters,
        Func<Stream, CancellationToken, Task> writeContext,
        IProgress<string>? output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(writeContext);
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{version}/build?{BuildQuery(parameters)}")
        {
            Content = new StreamingContent(writeContext, "application/x-tar"),
        };
        if (parameters.RegistryAuths.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Registry-Config", DockerRegistryAuth.EncodeConfigHeader(parameters.RegistryAuths));
        }

        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "build", cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await DockerBuildOutput.ReadAsync(body, output, cancellationToken).ConfigureAwait(false);
    }

    public async Task TagAsync(string source, string repository, string tag, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{version}/images/{source}/tag?repo={Uri.EscapeDataString(repository)}&tag={Uri.EscapeDataString(tag)}");
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"tag {source} as {repository}:{tag}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> PushAsync(string repository, string tag, DockerRegistryAuth? auth, IProgress<string>? output, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        // The route is /images/{name:.*}/push: the repository's slashes stay as they are (docker/cli does the same).
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{version}/images/{repository}/push?tag={Uri.EscapeDataString(tag)}");
        request.Headers.TryAddWithoutValidation("X-Registry-Auth", DockerRegistryAuth.EncodeHeader(auth));
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"push {repository}:{tag}", cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await DockerPushOutput.ReadAsync($"{repository}:{tag}", body, output, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveImageAsync(string name, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{version}/images/{name}?force=1");
        using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"remove {name}", cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }

    internal static string BuildQuery(DockerBuildParameters p)
    {
        var q = new List<string>();
        foreach (var t in p.Tags)
        {
            q.Add("t=" + Uri.EscapeDataString(t));
        }

        q.Add("dockerfile=" + Uri.EscapeDataString(p.Dockerfile));
        if (p.BuildArgs.Count > 0)
        {
            q.Add("buildargs=" + Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string>(p.BuildArgs), DockerJsonContext.Default.DictionaryStringString)));
        }

        if (p.Labels.Count > 0)
        {
            q.Add("labels=" + Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string>(p.Labels), DockerJsonContext.Default.DictionaryStringString)));
        }

        if (!string.IsNullOrEmpty(p.Target))
        {
            q.Add("target=" + Uri.EscapeDataString(p.Target));
        }

        if (p.Pull)
        {
            q.Add("pull=1");
        }

        if (p.NoCache)
        {
            q.Add("nocache=1");
        }

        // docker build's defaults: remove intermediate containers, even after a failed step.
        q.Add("rm=1");
        q.Add("forcerm=1");
        return string.Join('&', q);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (Find<ImageRollException>(ex) is { } inner)
        {
            // The context producer failed (a bad .dockerignore pattern, a vanished file): that is the real error.
            throw inner;
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(ex);
        }
    }

    private ImageRollException Unreachable(Exception ex)
    {
        var why = Find<SocketException>(ex)?.Message ?? Find<AuthenticationException>(ex)?.Message ?? Find<IOException>(ex)?.Message ?? ex.Message;
        var hint = _options.UseTls
            ? "Check that dockerd listens there with --tlsverify and that DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem it accepts."
            : _options.Endpoint.IsUnixSocket
                ? "Start the Docker daemon (dockerd), or set DOCKER_HOST to where it listens; the user needs access to the socket."
                : "Start the Docker daemon there, or set DOCKER_HOST to where it listens (TLS needs DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).";
        return new ImageRollException(DockerErrors.Unreachable, FailureKind.OperationFailed,
            $"Cannot connect to the Docker daemon at {_options.Describe()}: {why}", hint, ex);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string message;
        try
        {
            message = JsonSerializer.Deserialize(body, DockerJsonContext.Default.DockerApiError)?.Message ?? body;
        }
        catch (JsonException)
        {
            message = body;
        }

        // The build endpoint answers 400 for a Dockerfile it cannot parse: the user's input, nothing was built.
        var badInput = what == "build" && response.StatusCode == HttpStatusCode.BadRequest;
        throw new ImageRollException(DockerErrors.ApiError, badInput ? FailureKind.BadInput : FailureKind.OperationFailed,
            $"Docker could not {what}: HTTP {(int)response.StatusCode}: {message.Trim()}",
            badInput ? "Fix the Dockerfile or the build options named in the message."
                : response.StatusCode == HttpStatusCode.NotFound ? "Check the image or tag name." : "See the daemon's message; dockerd's log has details.");
    }

    private static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T t)
            {
                return t;
            }
        }

        return null;
    }

    /// <summary>A request body written by a producer as it is sent: chunked, never buffered whole.</summary>
    private sealed class StreamingContent : HttpContent
    {
        private readonly Func<Stream, CancellationToken, Task> _write;

        public StreamingContent(Func<Stream, CancellationToken, Task> write, string mediaType)
        {
            _write = write;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _write(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _write(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
