namespace ImageRoll.Docker;

/// <summary>The query of <c>POST /build</c> (legacy builder) that ImageRoll uses.</summary>
public sealed record DockerBuildParameters
{
    /// <summary>Names to tag the result with (<c>t</c>, repeatable), e.g. <c>127.0.0.1:5000/apps/web:1</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The Dockerfile's path inside the context tar, with forward slashes (<c>dockerfile</c>).</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build (<c>target</c>), or null for the last.</summary>
    public string? Target { get; init; }

    /// <summary>Always attempt to pull a newer base image (<c>pull</c>).</summary>
    public bool Pull { get; init; }

    /// <summary>Do not use the build cache (<c>nocache</c>).</summary>
    public bool NoCache { get; init; }

    /// <summary>Credentials for pulling base images, by registry address (X-Registry-Config).</summary>
    public IReadOnlyDictionary<string, DockerRegistryAuth> RegistryAuths { get; init; } = new Dictionary<string, DockerRegistryAuth>();
}
