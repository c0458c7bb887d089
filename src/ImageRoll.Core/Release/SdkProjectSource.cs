namespace ImageRoll.Release;

/// <summary>A .NET project built and pushed by the SDK's own container publishing (<c>dotnet publish -t:PublishContainer</c>).</summary>
public sealed record SdkProjectSource(string Project) : ReleaseSource
{
    public string Configuration { get; init; } = "Release";

    /// <summary>ContainerBaseImage, when the project does not set its own.</summary>
    public string? BaseImage { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public override string Describe() => $"sdk {Project} ({Configuration})";
}
