using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>The request asked about: <c>resourceAttributes</c> (verb, group, resource, subresource, namespace, name).</summary>
public sealed class SelfSubjectAccessReviewSpec
{
    [JsonPropertyName("resourceAttributes")]
    public ResourceAttributes? ResourceAttributes { get; set; }
}
