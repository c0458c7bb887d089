using ImageRoll.Images;

namespace ImageRoll.Build;

/// <summary>What to build and where to push it. Paths are relative to <see cref="WorkingDirectory"/>.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>The target <c>REG/REPO[:TAG]</c> (no tag: <c>latest</c>, as docker and the SDK default).</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The project (file or folder holding one) for the sdk backend.</summary>
    public string? Project { get; init; }

    /// <summary>The Dockerfile for the dockerfile backend.</summary>
    public string? Dockerfile { get; init; }

    /// <summary>The build context folder (default: the Dockerfile's folder).</summary>
    public string? Context { get; init; }

    /// <summary>The base image: ContainerBaseImage for the SDK, the build arg BASE_IMAGE for a Dockerfile.</summary>
    public ImageReference? BaseImage { get; init; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>User labels; they win over the OCI labels ImageRoll fills in.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Dockerfile stage to build.</summary>
    public string? Target { get; init; }

    public bool Pull { get; init; }

    public bool NoCache { get; init; }

    /// <summary>Registries the user named as insecure (plain HTTP or unverified TLS), HOST[:PORT].</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Build configuration for the sdk backend.</summary>
    public string Configuration { get; init; } = "Release";

    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The tag pushed (and then resolved to the digest).</summary>
    public string Tag => Image.Tag ?? "latest";
}
