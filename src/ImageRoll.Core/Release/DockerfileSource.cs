namespace ImageRoll.Release;

/// <summary>A Dockerfile built by the Docker Engine (legacy builder, streamed context honouring .dockerignore), then pushed.</summary>
public sealed record DockerfileSource(string Dockerfile) : ReleaseSource
{
    /// <summary>The build context folder; null: the Dockerfile's folder.</summary>
    public string? Context { get; init; }

    public string? BaseImage { get; init; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? Target { get; init; }

    public bool Pull { get; init; }

    public bool NoCache { get; init; }

    public override string Describe() => Context is null ? $"dockerfile {Dockerfile}" : $"dockerfile {Dockerfile} (context {Context})";
}
