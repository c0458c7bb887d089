using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>
/// core/v1 ReplicationController: a DeploymentConfig's version <c>DC-N</c>. Its annotations carry the deployment
/// phase (<c>openshift.io/deployment.phase</c>) and status reason (openshift/api apps/v1/consts.go,
/// <c>DeploymentStatusAnnotation</c>, <c>DeploymentStatusReasonAnnotation</c>).
/// </summary>
public sealed class ReplicationController : KubeObject
{
    [JsonPropertyName("spec")]
    public ReplicationControllerSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public ReplicaSetStatus Status { get; set; } = new();
}

public sealed class ReplicationControllerSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    /// <summary>An RC's selector is a plain label map, not a LabelSelector.</summary>
    [JsonPropertyName("selector")]
    public Dictionary<string, string>? Selector { get; set; }

    [JsonPropertyName("template")]
    public PodTemplateSpec? Template { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
