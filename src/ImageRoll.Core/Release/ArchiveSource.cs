namespace ImageRoll.Release;

/// <summary>An image archive pushed with ImageRoll's registry client: an OCI layout folder, an OCI archive or a <c>docker save</c> tar.</summary>
public sealed record ArchiveSource(string Path) : ReleaseSource
{
    /// <summary>Which image of a multi-image archive: its ref name (org.opencontainers.image.ref.name) or RepoTag; null: the only one.</summary>
    public string? RefName { get; init; }

    public override string Describe() => $"archive {Path}";
}
