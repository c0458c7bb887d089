using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Build;

/// <summary>
/// Builds a Dockerfile through a Docker daemon (legacy builder, API 1.41) from a streamed tar of the context, tags
/// the result REG/REPO:TAG, pushes it with X-Registry-Auth from the same credential sources as the registry client,
/// takes the digest from the push stream and confirms the registry serves REG/REPO@digest.
/// </summary>
public sealed class DockerfileImageBuilder : IImageBuilder
{
    /// <summary>The build arg that carries <c>--base-image</c> (<c>ARG BASE_IMAGE</c> / <c>FROM ${BASE_IMAGE}</c>).</summary>
    public const string BaseImageArg = "BASE_IMAGE";

    private readonly IDockerEngine _docker;
    private readonly IRegistryCredentialProvider? _credentials;
    private readonly IRegistryDigestProbe _probe;
    private readonly ILogger _logger;

    public DockerfileImageBuilder(IDockerEngine docker, IRegistryCredentialProvider? credentials, IRegistryDigestProbe probe, ILogger? logger = null)
    {
        _docker = docker ?? throw new ArgumentNullException(nameof(docker));
        _credentials = credentials;
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _logger = logger ?? NullLogger.Instance;
    }

    public ImageBuilderKind Kind => ImageBuilderKind.Dockerfile;

    /// <summary>Sees every tar entry name as it is sent (tests assert that excluded files never leave).</summary>
    public Action<string>? OnContextEntry { get; init; }

    /// <summary>Labels computed for the build (OCI labels under the user's); the clock is injectable for tests.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Dockerfile is null)
        {
            throw new ImageRollException(BuildErrors.BadOptions, FailureKind.BadInput,
                "The dockerfile builder needs a Dockerfile.", "Pass --dockerfile PATH (and --context DIR if the context is not its folder).");
        }

        var context = BuildContext.Create(request.Dockerfile, request.Context, request.WorkingDirectory);
        var tagged = request.Image.WithTag(request.Tag);
        var labels = await OciLabels.CollectAsync(context.Directory, Environment, Clock(), cancellationToken).ConfigureAwait(false);
        foreach (var (k, v) in request.Labels)
        {
            labels[k] = v;
        }

        var buildArgs = new Dictionary<string, string>(request.BuildArgs, StringComparer.Ordinal);
        if (request.BaseImage is not null)
        {
            buildArgs.TryAdd(BaseImageArg, request.BaseImage.ToString());
        }

        var pushAuth = await AuthForAsync(request.Image.Registry, cancellationToken).ConfigureAwait(false);
        var pullAuths = new Dictionary<string, DockerRegistryAuth>(StringComparer.Ordinal);
        if (pushAuth is not null)
        {
            pullAuths[request.Image.Registry] = pushAuth;
        }

        if (request.BaseImage is not null && !pullAuths.ContainsKey(request.BaseImage.Registry)
            && await AuthForAsync(request.BaseImage.Registry, cancellationToken).ConfigureAwait(false) is { } baseAuth)
        {
            pullAuths[request.BaseImage.Registry] = baseAuth;
        }

        _logger.LogInformation("Building {Image} from {Dockerfile} (context {Context}) with Docker", tagged, context.DockerfileSource, context.Directory);
        var output = new LineLogger(_logger);
        var built = await _docker.BuildAsync(
            new DockerBuildParameters
            {
                Tags = [DockerName(tagged)],
                Dockerfile = context.DockerfileEntry,
                BuildArgs = buildArgs,
                Labels = labels,
                Target = request.Target,
                Pull = request.Pull,
                NoCache = request.NoCache,
                RegistryAuths = pullAuths,
            },
            (stream, ct) => BuildContextArchive.WriteAsync(context, stream, OnContextEntry, ct),
            output,
            cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Built {ImageId}; pushing {Image}", built.ImageId, tagged);

        var digest = await _docker.PushAsync(DockerName(tagged.WithoutTagOrDigest()), request.Tag, pushAuth, output, cancellationToken).ConfigureAwait(false);
        var pinned = await DigestVerification.ConfirmAsync(_probe, request.Image, digest, "The Docker push", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Pushed {Image}", pinned);
        return new ImageBuildResult(pinned, tagged, Kind, labels);
    }

    /// <summary>The name as the daemon wants it: docker.io/library/x is "x" (it normalises the same way).</summary>
    private static string DockerName(ImageReference reference) =>
        reference.FamiliarName + (reference.Tag is null ? string.Empty : ":" + reference.Tag);

    private async Task<DockerRegistryAuth?> AuthForAsync(string registry, CancellationToken cancellationToken)
    {
        if (_credentials is null || await _credentials.GetAsync(registry, cancellationToken).ConfigureAwait(false) is not { } credential)
        {
            return null;
        }

        // moby api/types/registry AuthConfig: an identity token replaces username/password.
        var server = RegistryHosts.IsDockerHub(registry) ? RegistryHosts.DockerHubIndexServer : registry;
        return credential.HasIdentityToken
            ? new DockerRegistryAuth { IdentityToken = credential.IdentityToken, ServerAddress = server }
            : new DockerRegistryAuth { Username = credential.Username, Password = credential.Password, ServerAddress = server };
    }

    /// <summary>Forwards build and push output to the logger, one line per entry (stderr in the CLI).</summary>
    private sealed class LineLogger(ILogger logger) : IProgress<string>
    {
        public void Report(string value) => logger.LogInformation("{Line}", value);
    }
}
