using System.Text.Json.Serialization;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Rollouts;

namespace ImageRoll.Release.Json;

/// <summary>The source-generated serializer of the release document (docs/release.md describes every field).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(SecondsConverter),
        typeof(WorkloadRefConverter),
        typeof(CamelCaseEnumConverter<ReleaseStatus>),
        typeof(CamelCaseEnumConverter<ReleaseStep>),
        typeof(CamelCaseEnumConverter<WorkloadOutcome>),
        typeof(CamelCaseEnumConverter<FailureKind>),
        typeof(CamelCaseEnumConverter<TriggerAction>),
        typeof(CamelCaseEnumConverter<RolloutOutcome>),
    ])]
[JsonSerializable(typeof(ReleaseResult))]
internal sealed partial class ReleaseJsonContext : JsonSerializerContext;
