using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The Docker create body for one container of a pod, as a CRI runtime on Docker makes it from the pod spec
/// (pkg/kubelet/kuberuntime generateContainerConfig, then cri-dockerd): <c>command</c> replaces the image's
/// ENTRYPOINT (and drops its CMD), <c>args</c> replace CMD, both expanded with the environment's <c>$(VAR)</c>;
/// <c>workingDir</c>; <c>securityContext.runAsUser/runAsGroup</c>; the pod name as hostname. Docker never restarts
/// the container itself: the kubelet applies <c>restartPolicy</c>. Each port is published on 127.0.0.1 (a known
/// host port, or one Docker picks).
/// </summary>
public static class ContainerCreateBody
{
    public static JsonObject Build(
        JsonObject pod, JsonObject container, string image, IReadOnlyList<KeyValuePair<string, string>> env,
        IReadOnlyDictionary<int, int?> ports, IReadOnlyDictionary<string, string> labels)
    {
        var lookup = env.GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        string Expand(string s) => VariableExpansion.Expand(s, k => lookup.GetValueOrDefault(k));
        var command = Obj.Array(container, "command").Select(n => Expand((string?)n ?? "")).ToList();
        var args = Obj.Array(container, "args").Select(n => Expand((string?)n ?? "")).ToList();

        var body = new JsonObject
        {
            ["Image"] = image,
            ["Hostname"] = Obj.Name(pod).Length > 63 ? Obj.Name(pod)[..63] : Obj.Name(pod),
            ["Env"] = new JsonArray(env.Select(kv => (JsonNode?)JsonValue.Create($"{kv.Key}={kv.Value}")).ToArray()),
            ["Labels"] = new JsonObject(labels.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))),
        };
        if (command.Count > 0)
        {
            // Docker keeps the image's CMD only when no Entrypoint is given: with one, an empty Cmd stays empty,
            // which is Kubernetes' rule (a command without args ignores the image's CMD).
            body["Entrypoint"] = Strings(command);
            body["Cmd"] = Strings(args);
        }
        else if (args.Count > 0)
        {
            body["Cmd"] = Strings(args);
        }

        if (Obj.Str(container, "workingDir") is { Length: > 0 } dir)
        {
            body["WorkingDir"] = dir;
        }

        if (User(pod, container) is { } user)
        {
            body["User"] = user;
        }

        var exposed = new JsonObject();
        var bindings = new JsonObject();
        foreach (var (containerPort, hostPort) in ports)
        {
            var key = containerPort.ToString(CultureInfo.InvariantCulture) + "/tcp";
            exposed[key] = new JsonObject();
            bindings[key] = new JsonArray(new JsonObject
            {
                ["HostIp"] = "127.0.0.1",
                ["HostPort"] = hostPort?.ToString(CultureInfo.InvariantCulture) ?? "",
            });
        }

        body["ExposedPorts"] = exposed;
        body["HostConfig"] = new JsonObject
        {
            ["PortBindings"] = bindings,
            ["RestartPolicy"] = new JsonObject { ["Name"] = "no" },
        };
        return body;
    }

    /// <summary>runAsUser[:runAsGroup], the container's securityContext over the pod's.</summary>
    private static string? User(JsonObject pod, JsonObject container)
    {
        long? Field(string name) =>
            Obj.At(container, "securityContext", name) is JsonValue ? Obj.Int(container, 0, "securityContext", name)
            : Obj.At(pod, "spec", "securityContext", name) is JsonValue ? Obj.Int(pod, 0, "spec", "securityContext", name)
            : null;
        var uid = Field("runAsUser");
        var gid = Field("runAsGroup");
        return uid is null ? null : gid is null ? $"{uid}" : $"{uid}:{gid}";
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
