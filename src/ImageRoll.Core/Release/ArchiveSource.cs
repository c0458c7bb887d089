namespace ImageRoll.Release;

/// <summary>An image archive pushed with ImageRoll's registry client: an OCI layout folder, an OCI archive or a <c>docker save</c> tar.</summary>
public sealed record ArchiveSource(string Path) : ReleaseSource
{
    public override string Describe() => $"archive {Path}";
}
