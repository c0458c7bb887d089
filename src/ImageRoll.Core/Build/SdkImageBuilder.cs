using System.Text;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.Build;

/// <summary>
/// Publishes a .NET project with the SDK's own container support as a child process:
/// <c>dotnet publish PROJECT -t:PublishContainer -c Release -p:ContainerRegistry=.. -p:ContainerRepository=..
/// -p:ContainerImageTags=.. [-p:ContainerBaseImage=..]</c>, registry credentials in a throwaway Docker config
/// (<see cref="SdkRegistryAuthFile"/>, <see cref="SdkContainerEnvironment"/>), never on its command line nor in a
/// DOTNET_* variable MSBuild would log, labels as ContainerLabel items and the digest read back through a
/// generated targets file (<see cref="SdkTargetsFile"/>), imported with MSBuild's CustomAfterDirectoryBuildTargets
/// hook. The digest is the SDK's GeneratedContainerDigest, confirmed with a registry HEAD.
/// </summary>
public sealed class SdkImageBuilder : IImageBuilder
{
    private readonly IRegistryCredentialProvider? _credentials;
    private readonly IRegistryDigestProbe _probe;
    private readonly ILogger _logger;

    public SdkImageBuilder(IRegistryCredentialProvider? credentials, IRegistryDigestProbe probe, ILogger? logger = null)
    {
        _credentials = credentials;
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _logger = logger ?? NullLogger.Instance;
    }

    public ImageBuilderKind Kind => ImageBuilderKind.Sdk;

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The dotnet host: DOTNET_HOST_PATH when running under the dotnet CLI, else <c>dotnet</c> from PATH.</summary>
    public string? DotnetPath { get; init; }

    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = ResolveProject(request.Project, request.WorkingDirectory);
        if (request.BuildArgs.Count > 0 || request.Target is not null || request.Pull || request.NoCache)
        {
            _logger.LogWarning("--build-arg, --target, --pull and --no-cache apply to Dockerfile builds; the sdk builder ignores them");
        }

        var tagged = request.Image.WithTag(request.Tag);
        var labels = await OciLabels.CollectAsync(Path.GetDirectoryName(project)!, Environment, Clock(), cancellationToken).ConfigureAwait(false);
        // The SDK stamps org.opencontainers.image.created itself (ContainerGenerateLabelsImageCreated) at publish time.
        labels.Remove(OciLabels.Created);
        foreach (var (k, v) in request.Labels)
        {
            labels[k] = v;
        }

        var push = _credentials is null ? null : await _credentials.GetAsync(request.Image.Registry, cancellationToken).ConfigureAwait(false);
        var pull = _credentials is null || request.BaseImage is null || request.BaseImage.Registry == request.Image.Registry
            ? null
            : await _credentials.GetAsync(request.BaseImage.Registry, cancellationToken).ConfigureAwait(false);
        using var auth = SdkRegistryAuthFile.Create([(request.Image.Registry, push), (request.BaseImage?.Registry ?? string.Empty, pull)]);
        var env = SdkContainerEnvironment.For(auth?.Path, HasLogin(push), HasLogin(pull), request.InsecureRegistries);

        using var targets = SdkTargetsFile.Create(labels);
        var args = Arguments(request, project, targets.Path);
        var dotnet = DotnetPath ?? (Environment("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet");
        _logger.LogInformation("Publishing {Project} as {Image} with the .NET SDK: {Command}", project, tagged, dotnet + " " + string.Join(' ', args));

        ChildProcess.Result result;
        try
        {
            result = await ChildProcess.RunAsync(dotnet, args, Path.GetDirectoryName(project)!, env,
                line => _logger.LogInformation("{Line}", line), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException ex)
        {
            throw new ImageRollException(BuildErrors.DotnetNotFound, FailureKind.OperationFailed,
                $"The .NET SDK could not be started: {ex.Message}", "Install the .NET SDK (8.0.200 or later) and put dotnet on PATH, or set DOTNET_HOST_PATH.", ex);
        }

        if (result.ExitCode != 0)
        {
            var errors = result.Output.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().Take(5).ToList();
            throw new ImageRollException(BuildErrors.PublishFailed, FailureKind.OperationFailed,
                $"dotnet publish -t:PublishContainer for {project} exited {result.ExitCode}" +
                (errors.Count > 0 ? ": " + string.Join(System.Environment.NewLine, errors.Select(e => e.Trim())) : "."),
                "See the SDK's output above; CONTAINER* error codes are explained at https://aka.ms/dotnet/containers/errors.");
        }

        var digest = targets.ReadDigest() ?? throw new ImageRollException(BuildErrors.NoDigest, FailureKind.OperationFailed,
            $"dotnet publish -t:PublishContainer for {project} succeeded but reported no GeneratedContainerDigest.",
            "ImageRoll needs the .NET SDK 8.0.200 or later pushing to a registry (not ContainerArchiveOutputPath or a local daemon).");
        var pinned = await DigestVerification.ConfirmAsync(_probe, request.Image, digest, "The .NET SDK", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Pushed {Image}", pinned);
        return new ImageBuildResult(pinned, tagged, Kind, labels);
    }

    private static bool HasLogin(RegistryCredential? credential) =>
        credential is { HasIdentityToken: true } or { HasUsernamePassword: true };

    /// <summary>The publish command line (no secrets: those go in a file the environment names).</summary>
    internal static List<string> Arguments(ImageBuildRequest request, string project, string targetsPath)
    {
        var args = new List<string>
        {
            "publish", project, "-t:PublishContainer", "-c", request.Configuration, "-nologo", "-tl:off", "-v:m",
            Property("ContainerRegistry", request.Image.Registry),
            Property("ContainerRepository", request.Image.Repository),
            Property("ContainerImageTags", request.Tag),
            Property("CustomAfterDirectoryBuildTargets", targetsPath),
            // ImageRoll supplies source and revision as ContainerLabel items (from CI or git, credentials stripped).
            Property("ContainerGenerateLabelsImageSource", "false"),
            Property("ContainerGenerateLabelsImageRevision", "false"),
        };
        if (request.BaseImage is not null)
        {
            args.Add(Property("ContainerBaseImage", request.BaseImage.ToString()));
        }

        return args;
    }

    /// <summary>Resolves --project: a project file, or a folder holding exactly one.</summary>
    internal static string ResolveProject(string? project, string workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(project))
        {
            throw new ImageRollException(BuildErrors.BadOptions, FailureKind.BadInput,
                "The sdk builder needs a project.", "Pass --project with a project file or a folder holding one.");
        }

        var path = Path.GetFullPath(project, workingDirectory);
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            var candidates = Directory.GetFiles(path, "*.*proj").Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }

            throw new ImageRollException(BuildErrors.ProjectNotFound, FailureKind.BadInput,
                candidates.Count == 0
                    ? $"The folder '{project}' holds no project file."
                    : $"The folder '{project}' holds several project files: {string.Join(", ", candidates.Select(Path.GetFileName))}.",
                "Pass --project with the project file itself.");
        }

        throw new ImageRollException(BuildErrors.ProjectNotFound, FailureKind.BadInput,
            $"The project '{project}' does not exist (looked at {path}).", "Pass --project with a project file or a folder holding one.");
    }

    // On MSBuild's command line ',' and ';' separate properties: both are %XX-escaped in values.
    private static string Property(string name, string value) => $"-p:{name}={MsBuildText.Escape(value).Replace(",", "%2C", StringComparison.Ordinal)}";
}
