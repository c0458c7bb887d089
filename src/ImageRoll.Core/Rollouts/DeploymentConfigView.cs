using System.Text.Json;
using System.Text.Json.Serialization;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// The read-only slice of an apps.openshift.io/v1 DeploymentConfig that oc's status viewer reads, including the
/// replica counts the editable model in OpenShift/Models does not name. Rollouts never writes a DC back from this
/// view (rollback sends a JSON patch), so it needs no Extra beyond the base class.
/// </summary>
internal sealed class DeploymentConfigView : KubeObject
{
    [JsonPropertyName("spec")]
    public DcSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public DcStatus Status { get; set; } = new();

    internal sealed class DcSpec
    {
        private List<DcTrigger> triggers = [];

        /// <summary>A DC's replicas is a plain int32 (no pointer): absent means 0.</summary>
        [JsonPropertyName("replicas")]
        public int Replicas { get; set; }

        [JsonPropertyName("paused")]
        public bool? Paused { get; set; }

        [JsonPropertyName("triggers")]
        public List<DcTrigger> Triggers { get => triggers; set => triggers = value ?? []; }

        [JsonPropertyName("template")]
        public PodTemplateSpec? Template { get; set; }
    }

    internal sealed class DcTrigger
    {
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("imageChangeParams")]
        public JsonElement? ImageChangeParams { get; set; }
    }

    internal sealed class DcStatus
    {
        private List<Condition> conditions = [];

        [JsonPropertyName("latestVersion")]
        public long LatestVersion { get; set; }

        [JsonPropertyName("observedGeneration")]
        public long ObservedGeneration { get; set; }

        [JsonPropertyName("replicas")]
        public int Replicas { get; set; }

        [JsonPropertyName("updatedReplicas")]
        public int UpdatedReplicas { get; set; }

        [JsonPropertyName("availableReplicas")]
        public int AvailableReplicas { get; set; }

        [JsonPropertyName("conditions")]
        public List<Condition> Conditions { get => conditions; set => conditions = value ?? []; }
    }
}
