using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// A container's environment as the kubelet makes it (kubernetes pkg/kubelet/kubelet_pods.go
/// <c>makeEnvironmentVariables</c>): <c>envFrom</c> ConfigMaps and Secrets first, then <c>env</c> in order, each value
/// expanded against the variables before it; <c>valueFrom</c> fieldRef, configMapKeyRef and secretKeyRef. A missing
/// ConfigMap, Secret or key that is not optional is a <see cref="ContainerConfigException"/> with the kubelet's words
/// (the container waits in CreateContainerConfigError). Service links (<c>X_SERVICE_HOST</c>) are not added.
/// </summary>
public static class ContainerEnvironment
{
    public static List<KeyValuePair<string, string>> Build(JsonObject pod, JsonObject container, ObjectStore store)
    {
        var ns = Obj.Namespace(pod);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string key, string value)
        {
            if (!values.ContainsKey(key))
            {
                order.Add(key);
            }

            values[key] = value;
        }

        foreach (var from in Obj.Objects(container, "envFrom"))
        {
            var prefix = Obj.Str(from, "prefix") ?? "";
            if (Obj.At(from, "configMapRef") is JsonObject cmRef)
            {
                foreach (var (k, v) in Source(store, ResourceTypes.ConfigMaps, ns, cmRef, "configmap", decode: false))
                {
                    Set(prefix + k, v);
                }
            }
            else if (Obj.At(from, "secretRef") is JsonObject secretRef)
            {
                foreach (var (k, v) in Source(store, ResourceTypes.Secrets, ns, secretRef, "secret", decode: true))
                {
                    Set(prefix + k, v);
                }
            }
        }

        foreach (var env in Obj.Objects(container, "env"))
        {
            var name = Obj.Str(env, "name") ?? "";
            if (Obj.At(env, "valueFrom") is JsonObject valueFrom)
            {
                if (ValueFrom(pod, valueFrom, store) is { } resolved)
                {
                    Set(name, resolved);
                }
            }
            else
            {
                Set(name, VariableExpansion.Expand(Obj.Str(env, "value") ?? "", k => values.GetValueOrDefault(k)));
            }
        }

        return order.Select(k => new KeyValuePair<string, string>(k, values[k])).ToList();
    }

    private static string? ValueFrom(JsonObject pod, JsonObject valueFrom, ObjectStore store)
    {
        var ns = Obj.Namespace(pod);
        if (Obj.Str(valueFrom, "fieldRef", "fieldPath") is { } path)
        {
            return FieldRef(pod, path);
        }

        if (Obj.At(valueFrom, "configMapKeyRef") is JsonObject cm)
        {
            return KeyRef(store, ResourceTypes.ConfigMaps, ns, cm, "configmap", "ConfigMap", decode: false);
        }

        if (Obj.At(valueFrom, "secretKeyRef") is JsonObject secret)
        {
            return KeyRef(store, ResourceTypes.Secrets, ns, secret, "secret", "Secret", decode: true);
        }

        return null;
    }

    /// <summary>The downward API fields the kubelet resolves itself (pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue).</summary>
    private static string FieldRef(JsonObject pod, string path)
    {
        if (path.StartsWith("metadata.labels['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
        {
            return Obj.Str(pod, "metadata", "labels", path["metadata.labels['".Length..^2]) ?? "";
        }

        if (path.StartsWith("metadata.annotations['", StringComparison.Ordinal) && path.EndsWith("']", StringComparison.Ordinal))
        {
            return Obj.Annotation(pod, path["metadata.annotations['".Length..^2]) ?? "";
        }

        return path switch
        {
            "metadata.name" => Obj.Name(pod),
            "metadata.namespace" => Obj.Namespace(pod),
            "metadata.uid" => Obj.Uid(pod),
            "spec.nodeName" => Obj.Str(pod, "spec", "nodeName") ?? "",
            "spec.serviceAccountName" => Obj.Str(pod, "spec", "serviceAccountName") ?? "",
            "status.hostIP" or "status.hostIPs" or "status.podIP" or "status.podIPs" => DockerPodStatus.Loopback,
            _ => "",
        };
    }

    private static string? KeyRef(ObjectStore store, ResourceType type, string ns, JsonObject reference, string noun, string kind, bool decode)
    {
        var name = Obj.Str(reference, "name") ?? "";
        var key = Obj.Str(reference, "key") ?? "";
        var optional = Obj.Bool(reference, "optional");
        var source = store.Get(type, ns, name);
        if (source is null)
        {
            return optional ? null : throw new ContainerConfigException($"{noun} \"{name}\" not found");
        }

        var data = Data(source, decode);
        if (data.TryGetValue(key, out var value))
        {
            return value;
        }

        return optional ? null : throw new ContainerConfigException($"couldn't find key {key} in {kind} {ns}/{name}");
    }

    private static Dictionary<string, string> Source(ObjectStore store, ResourceType type, string ns, JsonObject reference, string noun, bool decode)
    {
        var name = Obj.Str(reference, "name") ?? "";
        var source = store.Get(type, ns, name);
        if (source is null)
        {
            return Obj.Bool(reference, "optional") ? [] : throw new ContainerConfigException($"{noun} \"{name}\" not found");
        }

        return Data(source, decode);
    }

    private static Dictionary<string, string> Data(JsonObject source, bool decode)
    {
        var data = Obj.StringMap(source, "data");
        if (!decode)
        {
            return data;
        }

        return data.ToDictionary(kv => kv.Key, kv => Decode(kv.Value), StringComparer.Ordinal);
    }

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }
}
