namespace ImageRoll.Images.Archives;

/// <summary>What kind of local image an <see cref="IImageSource"/> reads.</summary>
public enum ImageSourceKind
{
    /// <summary>A directory with <c>oci-layout</c>, <c>index.json</c> and <c>blobs/</c> (skopeo <c>oci:DIR</c>).</summary>
    OciLayout,

    /// <summary>The same layout inside a tar (skopeo <c>oci-archive:</c>, buildah, Docker 25+ <c>docker save</c>).</summary>
    OciArchive,

    /// <summary>The legacy <c>docker save</c> format: <c>manifest.json</c>, config JSON and <c>layer.tar</c> files.</summary>
    DockerArchive,
}
