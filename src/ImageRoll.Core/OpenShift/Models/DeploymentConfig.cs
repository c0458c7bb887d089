using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Models;

/// <summary>apps.openshift.io/v1 DeploymentConfig (openshift/api apps/v1/types.go; deprecated since 4.14, still used).</summary>
public sealed class DeploymentConfig : KubeObject
{
    [JsonPropertyName("spec")]
    public DeploymentConfigSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DeploymentConfigStatus Status { get; set; } = new();
}
