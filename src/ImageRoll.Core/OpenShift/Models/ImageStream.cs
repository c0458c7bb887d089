using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>image.openshift.io/v1 ImageStream (openshift/api image/v1/types.go). Only the fields ImageRoll reads or writes are named.</summary>
public sealed class ImageStream : KubeObject
{
    [JsonPropertyName("spec")]
    public ImageStreamSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ImageStreamStatus Status { get; set; } = new();

    /// <summary>The spec tag named <paramref name="tag"/>, or null.</summary>
    public TagReference? SpecTag(string tag) => Spec.Tags.FirstOrDefault(t => t.Name == tag);

    /// <summary>The status tag named <paramref name="tag"/>, or null.</summary>
    public NamedTagEventList? StatusTag(string tag) => Status.Tags.FirstOrDefault(t => t.Tag == tag);
}
