using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>REG/REPO[:TAG] in, REG/REPO@sha256:D out.</summary>
public sealed partial class ImageRollResolve
{
    [Required]
    public string Image { get; set; } = string.Empty;

    [Output]
    public string? DigestReference { get; set; }
}
