using System.Text.Json.Serialization;

namespace ImageRoll.OpenShift.Models;

/// <summary>
/// The body of <c>POST .../deploymentconfigs/NAME/instantiate</c>, exactly what <c>oc rollout latest</c> sends
/// (openshift/oc pkg/cli/rollout/latest.go): <c>{kind, apiVersion, name, latest: true, force: true}</c>.
/// </summary>
public sealed class DeploymentRequest
{
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "DeploymentRequest";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "apps.openshift.io/v1";

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("latest")]
    public bool Latest { get; set; } = true;

    [JsonPropertyName("force")]
    public bool Force { get; set; } = true;

    [JsonPropertyName("excludeTriggers")]
    public List<string>? ExcludeTriggers { get; set; }
}
