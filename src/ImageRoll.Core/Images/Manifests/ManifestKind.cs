namespace ImageRoll.Images.Manifests;

/// <summary>The four manifest kinds ImageRoll reads and writes.</summary>
public enum ManifestKind
{
    OciManifest,
    DockerManifest,
    OciIndex,
    DockerManifestList,
}
