using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift.Triggers;

/// <summary>
/// A workload as JSON with its pod spec located by kind (<see cref="PodSpecPaths"/>): used to read and set container
/// images without a typed model per kind, and to keep every other field as the server sent it.
/// </summary>
public sealed class WorkloadTemplate
{
    public WorkloadTemplate(JsonObject json, string? kind = null)
    {
        Json = json;
        Kind = kind ?? json["kind"]?.GetValue<string>() ?? string.Empty;
    }

    public JsonObject Json { get; }

    public string Kind { get; }

    public string Name => Json["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    public string Namespace => Json["metadata"]?["namespace"]?.GetValue<string>() ?? string.Empty;

    public string? ResourceVersion => Json["metadata"]?["resourceVersion"]?.GetValue<string>();

    public static WorkloadTemplate From(KubeObject obj, ResourceKind kind) =>
        new(JsonSerializer.SerializeToNode(obj, KubeJson.TypeInfo(obj.GetType()))!.AsObject(), kind.Kind);

    public string? Annotation(string key) =>
        Json["metadata"]?["annotations"] is JsonObject a && a[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The pod spec, or null when the object has none (yet).</summary>
    public JsonObject? PodSpec()
    {
        JsonNode? node = Json;
        foreach (var part in (PodSpecPaths.For(Kind) ?? "spec.template.spec").Split('.'))
        {
            node = node?[part];
        }

        return node as JsonObject;
    }

    public IReadOnlyList<JsonObject> Containers(bool init) =>
        PodSpec()?[init ? "initContainers" : "containers"] is JsonArray a ? a.OfType<JsonObject>().ToList() : [];

    public IReadOnlyList<string> ContainerNames(bool init) => Containers(init).Select(c => c["name"]?.GetValue<string>() ?? string.Empty).ToList();

    /// <summary>The container the selector picks and its index (in the list <see cref="Resolve"/> names), or null.</summary>
    public (int Index, JsonObject Container)? Find(ContainerSelector selector)
    {
        if (selector.Index is { } i)
        {
            var list = Containers(selector.Init);
            return i >= 0 && i < list.Count ? (i, list[i]) : null;
        }

        return Resolve(selector) is { } resolved ? FindByName(resolved.Init, resolved.Name) : null;
    }

    /// <summary>
    /// The selector with the list the container really is in, or null when there is none. A name selector searches
    /// the init containers first, then the containers, whatever list the fieldPath names (library-go
    /// pkg/image/referencemutator/pods.go <c>GetContainerByName</c>, used by pkg/image/trigger/annotations.go
    /// <c>findContainerBySelector</c>); an index selector stays in its list.
    /// </summary>
    public ContainerSelector? Resolve(ContainerSelector selector)
    {
        if (selector.Index is not null)
        {
            return Find(selector) is null ? null : selector;
        }

        return FindByName(true, selector.Name) is not null ? selector with { Init = true }
            : FindByName(false, selector.Name) is not null ? selector with { Init = false }
            : null;
    }

    private (int Index, JsonObject Container)? FindByName(bool init, string? name)
    {
        var list = Containers(init);
        for (var k = 0; k < list.Count; k++)
        {
            if (list[k]["name"]?.GetValue<string>() == name)
            {
                return (k, list[k]);
            }
        }

        return null;
    }

    public string? Image(ContainerSelector selector) => Find(selector)?.Container["image"]?.GetValue<string>();

    /// <summary>Sets the image in this JSON (the caller writes it back); false when the container does not exist.</summary>
    public bool SetImage(ContainerSelector selector, string image)
    {
        if (Find(selector) is not { } found)
        {
            return false;
        }

        found.Container["image"] = image;
        return true;
    }

    /// <summary>The JSON pointer of the pod spec, e.g. <c>/spec/template/spec</c>.</summary>
    public string PodSpecPointer() => "/" + (PodSpecPaths.For(Kind) ?? "spec.template.spec").Replace('.', '/');
}
