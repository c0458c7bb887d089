using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>image.openshift.io/v1 ImageStreamImport, what <c>oc import-image</c> POSTs (named after the stream; synchronous).</summary>
public sealed class ImageStreamImport : KubeObject
{
    [JsonPropertyName("spec")]
    public ImageStreamImportSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ImageStreamImportStatus? Status { get; set; }
}
