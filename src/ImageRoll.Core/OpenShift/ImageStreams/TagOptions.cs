namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// What to tag where, and how (the options of <c>oc tag --source=docker</c>, <c>oc import-image</c>).
/// <see cref="ExpectedImage"/>: the digest the stream must end up with when it differs from the source's, i.e. the
/// linux/amd64 child of an index imported with <c>Legacy</c> mode; null to accept the source digest (or, for a Legacy
/// import, whatever single manifest the import picked, with a warning).
/// </summary>
public sealed record TagOptions(DigestPullSpec Source, StreamTagRef Target)
{
    /// <summary><c>Source</c> (pull from the source registry) or <c>Local</c> (pull through the integrated registry).</summary>
    public string ReferencePolicy { get; init; } = "Source";

    /// <summary><c>Legacy</c> or <c>PreserveOriginal</c> (keep a multi-arch index whole).</summary>
    public string ImportMode { get; init; } = "Legacy";

    public bool Scheduled { get; init; }

    /// <summary>Sets <c>importPolicy.insecure</c>: the source registry is plain HTTP or has an untrusted certificate.</summary>
    public bool Insecure { get; init; }

    /// <summary>Create the stream when it does not exist; otherwise a missing stream is an error (IR3202).</summary>
    public bool CreateStream { get; init; }

    /// <summary>Use one synchronous ImageStreamImport (<c>oc import-image</c>) instead of tagging.</summary>
    public bool UseImport { get; init; }

    public string? ExpectedImage { get; init; }

    /// <summary>
    /// Tag from another stream's image (promotion, <c>oc tag dev/app:latest prod/app:stable</c>) instead of from
    /// <see cref="Source"/> as a DockerImage; <see cref="Source"/> then only names the expected digest.
    /// </summary>
    public StreamImageSource? FromStream { get; init; }

    /// <summary>How long to wait for the import to land in the stream's status.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
