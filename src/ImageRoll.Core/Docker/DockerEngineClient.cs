using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Version = System.Version;

namespace ImageRoll.Docker;

/// <summary>
/// <see cref="IDockerEngine"/> over Docker.DotNet (Docker.DotNet.Enhanced): unix socket, tcp:// or TCP+TLS
/// (<see cref="DockerClientFactory"/>). What the package leaves to its caller is done here: the API version is chosen
/// from the daemon's <c>GET /version</c> (at most 1.41, what ImageRoll is tested against, at least the daemon's
/// MinAPIVersion) and every request path is pinned to it; errors that arrive inside a build or push stream (which
/// then completes without throwing) are read by <see cref="DockerBuildOutput"/> and <see cref="DockerPushOutput"/>;
/// transport, API and stream failures become IR11xx errors.
/// </summary>
public sealed class DockerEngineClient : IDockerEngine, IDisposable
{
    /// <summary>The highest API version ImageRoll speaks.</summary>
    public static readonly Version MaxApiVersion = new(1, 41);

    /// <summary><c>target</c>, <c>buildargs</c> and <c>labels</c> on /build are all present from 1.30 on.</summary>
    public static readonly Version MinApiVersion = new(1, 30);

    private readonly DockerConnectionOptions _options;
    private readonly HttpMessageHandler? _handler;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private DockerClient? _client;
    private string? _version;

    public DockerEngineClient(DockerConnectionOptions options, ILogger? logger = null)
        : this(options, null, logger)
    {
    }

    internal DockerEngineClient(DockerConnectionOptions options, HttpMessageHandler? handler, ILogger? logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
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

            // Unversioned: the daemon answers /version at its own API version.
            using var probe = DockerClientFactory.Create(_options, null, _handler);
            var answer = await CallAsync(() => probe.System.GetVersionAsync(cancellationToken), "read the daemon's version", cancellationToken).ConfigureAwait(false);
            var chosen = ChooseApiVersion(answer.APIVersion, answer.MinAPIVersion);
            _client = DockerClientFactory.Create(_options, chosen, _handler);
            _version = "v" + chosen.ToString(2);
            _logger.LogDebug("Docker daemon at {Endpoint}: API {Server} (min {Min}), using {Version}", _options.Describe(), answer.APIVersion, answer.MinAPIVersion, _version);
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
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var state = new DockerBuildOutput(output);
        var headers = new Dictionary<string, string>();
        if (parameters.RegistryAuths.Count > 0)
        {
            // The package encodes X-Registry-Config with standard base64, but moby decodes it as base64url and ignores
            // a decode error (api/server/router/build/build_routes.go, getAuthConfigs): send our own encoding.
            headers["X-Registry-Config"] = DockerRegistryAuth.EncodeConfigHeader(parameters.RegistryAuths);
        }

        // The context tar is written by its producer while the request body is sent: never held in memory.
        using var producing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipe = new Pipe();
        var producer = ProduceAsync(pipe.Writer, writeContext, producing.Token);
        try
        {
            await using var body = pipe.Reader.AsStream();
            await CallAsync(
                async () =>
                {
                    await client.Images.BuildImageFromDockerfileAsync(ToQuery(parameters), body, null, headers, new Messages(state.Accept), cancellationToken).ConfigureAwait(false);
                    return true;
                },
                "build",
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The context producer failed (a bad .dockerignore pattern, a vanished file): that is the real error.
            await producing.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            if (await FailureOfAsync(producer).ConfigureAwait(false) is { } produced)
            {
                throw produced;
            }

            throw;
        }

        await producer.ConfigureAwait(false);
        return state.Complete();
    }

    public async Task TagAsync(string source, string repository, string tag, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        await CallAsync(
            async () =>
            {
                await client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, cancellationToken).ConfigureAwait(false);
                return true;
            },
            $"tag {source} as {repository}:{tag}",
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> PushAsync(string repository, string tag, DockerRegistryAuth? auth, IProgress<string>? output, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        var state = new DockerPushOutput($"{repository}:{tag}", output);

        // The route is /images/{name:.*}/push: the repository's slashes stay as they are (docker/cli does the same).
        // X-Registry-Auth is always sent, "{}" without a credential: Docker 20.10 rejects a push without the header.
        await CallAsync(
            async () =>
            {
                await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, auth?.ToAuthConfig() ?? new AuthConfig(), new Messages(state.Accept), cancellationToken).ConfigureAwait(false);
                return true;
            },
            $"push {repository}:{tag}",
            cancellationToken).ConfigureAwait(false);
        return state.Complete();
    }

    public async Task<DockerImageInfo?> InspectImageAsync(string name, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var image = await CallAsync(() => client.Images.InspectImageAsync(name, cancellationToken), $"inspect {name}", cancellationToken).ConfigureAwait(false);
            return new DockerImageInfo(
                image.ID,
                image.RepoTags?.ToArray() ?? [],
                image.RepoDigests?.ToArray() ?? [],
                image.Config?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>());
        }
        catch (ImageRollException ex) when (ex.InnerException is DockerApiException { StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    public async Task RemoveImageAsync(string name, CancellationToken cancellationToken)
    {
        var client = await ClientAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CallAsync(() => client.Images.DeleteImageAsync(name, new ImageDeleteParameters { Force = true }, cancellationToken), $"remove {name}", cancellationToken).ConfigureAwait(false);
        }
        catch (ImageRollException ex) when (ex.InnerException is DockerApiException { StatusCode: HttpStatusCode.NotFound })
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _negotiation.Dispose();
    }

    /// <summary>
    /// At most <see cref="MaxApiVersion"/>; a daemon that no longer speaks it (Docker 29 accepts 1.44 and later) is
    /// spoken to at its oldest; below <see cref="MinApiVersion"/> is IR1106.
    /// </summary>
    internal Version ChooseApiVersion(string? server, string? minimum)
    {
        var max = Version.TryParse(server, out var s) ? s : null;
        if (max is not null && max < MinApiVersion)
        {
            throw new ImageRollException(DockerErrors.ApiTooOld, FailureKind.OperationFailed,
                $"The Docker daemon at {_options.Describe()} speaks API {max}; ImageRoll needs {MinApiVersion} or later.",
                "Upgrade Docker Engine (17.06 or later).");
        }

        // A daemon that does not say (a proxy) is spoken to at the cap, as the docker CLI falls back.
        var chosen = max is null || max > MaxApiVersion ? MaxApiVersion : max;
        return Version.TryParse(minimum, out var min) && min > chosen ? min : chosen;
    }

    internal static ImageBuildParameters ToQuery(DockerBuildParameters p) => new()
    {
        Tags = [.. p.Tags],
        Dockerfile = p.Dockerfile,
        BuildArgs = p.BuildArgs.Count > 0 ? new Dictionary<string, string>(p.BuildArgs, StringComparer.Ordinal) : null,
        Labels = p.Labels.Count > 0 ? new Dictionary<string, string>(p.Labels, StringComparer.Ordinal) : null,
        Target = string.IsNullOrEmpty(p.Target) ? null : p.Target,
        Pull = p.Pull ? "1" : null,
        NoCache = p.NoCache ? true : null,

        // docker build's defaults: remove intermediate containers, even after a failed step; the classic builder
        // ("version=1", moby's default in api/server/router/build/build_routes.go, said explicitly: BuildKit over
        // the API needs a gRPC session).
        Remove = true,
        ForceRemove = true,
        Version = "1",
    };

    private static async Task ProduceAsync(PipeWriter writer, Func<Stream, CancellationToken, Task> writeContext, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using (var stream = writer.AsStream(leaveOpen: true))
            {
                await writeContext(stream, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<ImageRollException?> FailureOfAsync(Task producer)
    {
        try
        {
            await producer.ConfigureAwait(false);
            return null;
        }
        catch (ImageRollException ex)
        {
            return ex;
        }
        catch (Exception)
        {
            // Cancelled or failed because the request ended first: the request's error is the one to report.
            return null;
        }
    }

    private async Task<DockerClient> ClientAsync(CancellationToken cancellationToken)
    {
        await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        return _client!;
    }

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            throw DockerFailures.ApiError(ex, what);
        }
        catch (JsonException ex)
        {
            throw new ImageRollException(DockerErrors.IncompleteStream, FailureKind.OperationFailed,
                $"Docker could not {what}: the daemon's answer is not the Engine API's JSON ({ex.Message}).",
                "Check that DOCKER_HOST points at a Docker daemon and not at a proxy or another service.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or AuthenticationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DockerFailures.Unreachable(_options, ex);
        }
    }

    /// <summary>Reports each stream message synchronously, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Messages(Action<JSONMessage> accept) : IProgress<JSONMessage>
    {
        public void Report(JSONMessage value) => accept(value);
    }
}
