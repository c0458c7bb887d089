using System.Text.Json.Nodes;

namespace ImageRoll.Core.Tests.Rollouts.Fakes;

/// <summary>
/// JSON for objects mid-rollout, in the shapes the API server and kubelet write (k8s.io/api apps/v1 and core/v1
/// types; the pod condition words of the kubelet's pkg/kubelet/status/generate.go).
/// </summary>
internal static class Shapes
{
    public const string NewImage = "registry.example.com/shop/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    public static string Deployment(string name, int updated, int available, int replicas = 3, int total = -1, string? extra = null, string ns = "shop", long generation = 4)
    {
        var overlay = Fill("""
        {"metadata":{"name":"@0@","namespace":"@1@","generation":@2@},
         "spec":{"replicas":@3@,"template":{"spec":{"containers":[{"name":"web","image":"@4@"}]}}},
         "status":{"observedGeneration":@5@,"replicas":@6@,"updatedReplicas":@7@,"availableReplicas":@8@,"readyReplicas":@9@}}
        """, name, ns, generation, replicas, NewImage, generation, total < 0 ? Math.Max(replicas, updated) : total, updated, available, available);
        var node = Merge(Snapshots.DeploymentBase, overlay);
        return extra is null ? node : Merge(node, extra);
    }

    public static string ReplicaSet(string deployment, string hash, int revision, string ns = "shop") => Fill("""
        {"apiVersion":"apps/v1","kind":"ReplicaSet",
         "metadata":{"name":"@0@-@1@","namespace":"@2@","labels":{"app":"@3@","pod-template-hash":"@4@"},
           "annotations":{"deployment.kubernetes.io/desired-replicas":"3","deployment.kubernetes.io/max-replicas":"4","deployment.kubernetes.io/revision":"@5@"},
           "ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"Deployment","name":"@6@","uid":"f64903f0-bbf9-4c00-9f4c-a49f6e425680"}]},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"@7@","pod-template-hash":"@8@"}},
           "template":{"metadata":{"labels":{"app":"@9@","pod-template-hash":"@10@"}},"spec":{"containers":[{"name":"web","image":"@11@"}]}}},
         "status":{"replicas":1,"fullyLabeledReplicas":1,"observedGeneration":1}}
        """, deployment, hash, ns, deployment, hash, revision, deployment, deployment, hash, deployment, hash, NewImage);

    /// <summary>A pod owned by <paramref name="ownerKind"/>/<paramref name="owner"/> whose container <c>web</c> has <paramref name="containerStatus"/>.</summary>
    public static string Pod(string name, string ownerKind, string owner, string containerStatus, string? labels = null, string? conditions = null, string ns = "shop") => Fill("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"@0@","namespace":"@1@","uid":"uid-@2@","labels":@3@,
           "ownerReferences":[{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"@4@","name":"@5@","uid":"owner-uid"}]},
         "spec":{"containers":[{"name":"web","image":"@6@","imagePullPolicy":"IfNotPresent"}],"nodeName":"worker-0"},
         "status":{"phase":"Pending","qosClass":"BestEffort","startTime":"2026-11-22T02:59:00Z","conditions":@7@,"containerStatuses":[@8@]}}
        """, name, ns, name, labels ?? "{}", ownerKind, owner, NewImage, conditions ?? DefaultPodConditions, containerStatus);

    private const string DefaultPodConditions = """[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False","reason":"ContainersNotReady","message":"containers with unready status: [web]"},{"type":"PodScheduled","status":"True"}]""";

    public static string Waiting(string reason, string message, int restarts = 0, string? lastState = null) => Fill("""
        {"name":"web","image":"@0@","imageID":"","ready":false,"restartCount":@1@,"started":false,
         "lastState":@2@,"state":{"waiting":{"reason":"@3@","message":@4@}}}
        """, NewImage, restarts, lastState ?? "{}", reason, JsonValue.Create(message).ToJsonString());

    public static string RunningNotReady(int restarts = 0) => Fill("""
        {"name":"web","image":"@0@","imageID":"@1@","ready":false,"restartCount":@2@,"started":true,
         "lastState":{},"state":{"running":{"startedAt":"2026-11-22T02:59:30Z"}}}
        """, NewImage, NewImage, restarts);

    public static string Event(string pod, string type, string reason, string message, int count, string last, string ns = "shop") => Fill("""
        {"apiVersion":"v1","kind":"Event","metadata":{"name":"@0@.@1@.@2@","namespace":"@3@"},
         "involvedObject":{"apiVersion":"v1","fieldPath":"spec.containers{web}","kind":"Pod","name":"@4@","namespace":"@5@","uid":"uid-@6@"},
         "reason":"@7@","message":@8@,"type":"@9@","count":@10@,
         "firstTimestamp":"2026-11-22T02:59:01Z","lastTimestamp":"@11@","source":{"component":"kubelet","host":"worker-0"}}
        """, pod, reason, count, ns, pod, ns, pod, reason, JsonValue.Create(message).ToJsonString(), type, count, last);

    private static string Fill(string template, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"@{i}@", Convert.ToString(values[i], System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    public static string Merge(string baseJson, string overlayJson)
    {
        var node = JsonNode.Parse(baseJson)!.AsObject();
        MergeInto(node, JsonNode.Parse(overlayJson)!.AsObject());
        return node.ToJsonString();
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject po && target[key] is JsonObject to)
            {
                MergeInto(to, po);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
