using System.Text.Json.Nodes;
using ImageRoll.OpenShift.Triggers;

namespace ImageRoll.OpenShift.TriggerStep;

/// <summary>
/// Patches that change only the named containers' images. By name: a strategic merge patch (containers are merged
/// by their <c>name</c> key, so no other container or field is touched). By index: a JSON patch that first tests the
/// container's name, so a reordered list fails instead of changing the wrong container.
/// </summary>
public static class ImagePatches
{
    public static string StrategicMerge(WorkloadTemplate template, IEnumerable<(ContainerSelector Selector, string Name)> containers, string image)
    {
        var podSpec = new JsonObject();
        foreach (var group in containers.GroupBy(c => c.Selector.ListName))
        {
            podSpec[group.Key] = new JsonArray(group.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = image }).ToArray());
        }

        JsonNode node = podSpec;
        foreach (var part in Enumerable.Reverse((PodSpecPaths.For(template.Kind) ?? "spec.template.spec").Split('.')))
        {
            node = new JsonObject { [part] = node };
        }

        return node.ToJsonString();
    }

    public static string JsonPatch(WorkloadTemplate template, IEnumerable<(ContainerSelector Selector, string Name)> containers, string image)
    {
        var ops = new JsonArray();
        foreach (var (selector, name) in containers)
        {
            var index = template.Find(selector)?.Index ?? selector.Index ?? 0;
            var path = $"{template.PodSpecPointer()}/{selector.ListName}/{index}";
            ops.Add((JsonNode)new JsonObject { ["op"] = "test", ["path"] = path + "/name", ["value"] = name });
            ops.Add((JsonNode)new JsonObject { ["op"] = "replace", ["path"] = path + "/image", ["value"] = image });
        }

        return ops.ToJsonString();
    }
}
