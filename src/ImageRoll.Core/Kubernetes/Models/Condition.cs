using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>A status condition (Deployment, DeploymentConfig, Pod): type, status, reason, message, times.</summary>
public sealed class Condition
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("lastUpdateTime")]
    public DateTimeOffset? LastUpdateTime { get; set; }

    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The condition of <paramref name="type"/>, as deploymentutil.GetDeploymentCondition finds it, or null.</summary>
    public static Condition? Find(IEnumerable<Condition> conditions, string type) =>
        conditions.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));
}
