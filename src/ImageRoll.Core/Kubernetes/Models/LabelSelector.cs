using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageRoll.Kubernetes.Models;

/// <summary>metav1.LabelSelector; only matchLabels is interpreted, matchExpressions survive in Extra.</summary>
public sealed class LabelSelector
{
    [JsonPropertyName("matchLabels")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The selector as a query string value: <c>a=b,c=d</c> (empty when there are no match labels).</summary>
    public string ToQuery() => MatchLabels is null ? string.Empty : string.Join(',', MatchLabels.Select(kv => $"{kv.Key}={kv.Value}"));
}
