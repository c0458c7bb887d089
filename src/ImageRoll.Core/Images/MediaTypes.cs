namespace ImageRoll.Images;

/// <summary>
/// Media types of the OCI image spec (opencontainers/image-spec specs-go/v1/mediatype.go) and Docker's image
/// manifest v2 schema 2 (distribution/distribution manifest/schema2, manifest/manifestlist).
/// </summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciLayout = "application/vnd.oci.layout.header.v1+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>The schema-1 signed manifest, which ImageRoll refuses (registries stopped serving it).</summary>
    public const string DockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>Annotation naming an image inside an OCI layout's index.json.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Annotation containerd (and Docker 25+ <c>docker save</c>) adds with the full image name.</summary>
    public const string ContainerdImageNameAnnotation = "io.containerd.image.name";

    /// <summary>The manifest kinds ImageRoll reads, in the order a manifest GET should prefer them.</summary>
    public static IReadOnlyList<string> ManifestAcceptTypes { get; } =
        [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    /// <summary>The value of an HTTP <c>Accept</c> header for manifest HEAD/GET.</summary>
    public static string ManifestAcceptHeader { get; } = string.Join(", ", ManifestAcceptTypes);

    /// <summary>An OCI index or a Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>An OCI image manifest or a Docker v2 schema 2 manifest.</summary>
    public static bool IsImageManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Any manifest or index type of <see cref="ManifestAcceptTypes"/>.</summary>
    public static bool IsManifest(string? mediaType) => IsIndex(mediaType) || IsImageManifest(mediaType);
}
