using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// A field selector (<c>metadata.name=x</c>, <c>==</c>, <c>!=</c>, comma-separated). Every resource supports
/// metadata.name and metadata.namespace; pods and events support the extra fields their real field-label
/// conversion functions allow (pkg/registry/core/pod/strategy.go, pkg/registry/core/event/strategy.go).
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] PodFields =
        ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP", "status.nominatedNodeName"];

    private static readonly string[] EventFields =
        ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
         "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"];

    private readonly List<(string Path, bool Equal, string Value)> _requirements = [];

    public static FieldSelector Everything { get; } = new();

    /// <summary>The name a <c>metadata.name=</c> requirement pins (kubectl's single-object watches), or null.</summary>
    public string? Name => _requirements.FirstOrDefault(r => r.Path == "metadata.name" && r.Equal).Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var (op, at) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                : part.IndexOf("==", StringComparison.Ordinal) is var eq2 and > 0 ? ("==", eq2)
                : ("=", part.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            var path = part[..at].Trim();
            var value = part[(at + op.Length)..].Trim();
            if (!Supported(path, type))
            {
                throw ApiException.BadRequest($"field label not supported: {path}");
            }

            selector._requirements.Add((path, op != "!=", value));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => _requirements.All(r => (ValueAt(obj, r.Path) == r.Value) == r.Equal);

    private static bool Supported(string path, ResourceType type) =>
        path is "metadata.name" or "metadata.namespace"
        || (type == ResourceTypes.Pods && PodFields.Contains(path))
        || (type == ResourceTypes.Events && EventFields.Contains(path))
        || (type == ResourceTypes.Secrets && path == "type")
        || (type == ResourceTypes.Namespaces && path == "status.phase")
        || (type == ResourceTypes.ReplicaSets && path == "status.replicas");

    private static string ValueAt(JsonObject obj, string path)
    {
        if (path == "source")
        {
            path = "source.component";
        }

        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
