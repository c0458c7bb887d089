using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>batch/v1 CronJob: only the job template's pod template (where image triggers write).</summary>
public sealed class CronJob : KubeObject
{
    [JsonPropertyName("spec")]
    public CronJobSpec Spec { get; set; } = new();
}

public sealed class CronJobSpec
{
    [JsonPropertyName("jobTemplate")]
    public JobTemplateSpec JobTemplate { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class JobTemplateSpec
{
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public JobSpec Spec { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class JobSpec
{
    [JsonPropertyName("template")]
    public PodTemplateSpec Template { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
