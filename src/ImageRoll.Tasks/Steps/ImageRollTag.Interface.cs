using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>A digest reference in, the image stream tag holding it out.</summary>
public sealed partial class ImageRollTag
{
    /// <summary>REG/REPO@sha256:D (an ImageRollResolve or ImageRollRelease output).</summary>
    [Required]
    public string DigestReference { get; set; } = string.Empty;

    /// <summary>STREAM:TAG or NAMESPACE/STREAM:TAG.</summary>
    [Required]
    public string ImageStream { get; set; } = string.Empty;

    public string? ReferencePolicy { get; set; }

    public string? ImportMode { get; set; }

    public bool CreateStream { get; set; }

    /// <summary>What triggers write into the workloads: the stream tag's resolved pull spec.</summary>
    [Output]
    public string? PullSpec { get; set; }

    /// <summary>NAMESPACE/STREAM:TAG.</summary>
    [Output]
    public string? StreamTag { get; set; }
}
