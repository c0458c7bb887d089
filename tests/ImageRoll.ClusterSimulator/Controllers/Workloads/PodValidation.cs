using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// The part of the API server's pod validation that workload controllers run into: a pod template may hold the
/// " " placeholder that image triggers replace, a pod may not (kubernetes pkg/apis/core/validation).
/// </summary>
public static class PodValidation
{
    /// <summary>Pod validation of container images (validateContainersOnlyForPod): required, no surrounding spaces.</summary>
    public static string? InvalidImage(JsonNode? template)
    {
        var i = 0;
        foreach (var c in Obj.Objects(template, "spec", "containers"))
        {
            var image = Obj.Str(c, "image") ?? "";
            if (image.Length == 0)
            {
                return $"spec.containers[{i}].image: Required value";
            }

            if (image != image.Trim())
            {
                return $"spec.containers[{i}].image: Invalid value: \"{image}\": must not have leading or trailing whitespace";
            }

            i++;
        }

        return null;
    }
}
