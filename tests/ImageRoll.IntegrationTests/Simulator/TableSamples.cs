using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// One object of each kind `kubectl get` prints as a Table, written straight into the store with a status chosen
/// by the test (no controllers run), so every cell is known in advance; and pods in each state the STATUS column names.
/// </summary>
internal static class TableSamples
{
    public const string Image = "registry.example.com/shop/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private const string Template = """{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"@IMAGE@"}]}}""";

    public static void Seed(ObjectStore store, string ns)
    {
        Create(store, ResourceTypes.Deployments, ns, """{"metadata":{"name":"web"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":@TEMPLATE@}}""",
            """{"observedGeneration":1,"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}""");
        Create(store, ResourceTypes.ReplicaSets, ns, """{"metadata":{"name":"web-5d4b7c9f8d"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":@TEMPLATE@}}""",
            """{"replicas":3,"readyReplicas":2,"availableReplicas":2}""");
        Create(store, ResourceTypes.ReplicationControllers, ns, """{"metadata":{"name":"legacy-1"},"spec":{"replicas":1,"selector":{"app":"web"},"template":@TEMPLATE@}}""",
            """{"replicas":1,"readyReplicas":1}""");
        var sts = Create(store, ResourceTypes.StatefulSets, ns, """{"metadata":{"name":"db"},"spec":{"replicas":2,"serviceName":"db","selector":{"matchLabels":{"app":"web"}},"template":@TEMPLATE@}}""",
            """{"replicas":2,"readyReplicas":1}""");
        Create(store, ResourceTypes.DaemonSets, ns, """{"metadata":{"name":"agent"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":@TEMPLATE@}}""",
            """{"desiredNumberScheduled":1,"currentNumberScheduled":1,"numberReady":0,"updatedNumberScheduled":1,"numberAvailable":0}""");
        Create(store, ResourceTypes.ControllerRevisions, ns, """{"metadata":{"name":"db-7b9f6c5d4","ownerReferences":[@OWNER@]},"data":{},"revision":3}""", null,
            ("@OWNER@", Meta.ControllerReference(sts).ToJsonString()));
        Create(store, ResourceTypes.ImageStreams, ns, """{"metadata":{"name":"example"},"spec":{"lookupPolicy":{"local":false}}}""",
            """
            {"dockerImageRepository":"image-registry.openshift-image-registry.svc:5000/@NS@/example",
             "tags":[{"tag":"latest","items":[{"created":"@CREATED@","dockerImageReference":"@IMAGE@","image":"sha256:2222222222222222222222222222222222222222222222222222222222222222","generation":1}]}]}
            """, ("@NS@", ns), ("@CREATED@", Meta.Timestamp(store.Clock.GetUtcNow().AddMinutes(-5))));
        Create(store, ResourceTypes.DeploymentConfigs, ns, """
            {"metadata":{"name":"legacy"},"spec":{"replicas":1,"selector":{"app":"web"},"template":@TEMPLATE@,
             "triggers":[{"type":"ConfigChange"},{"type":"ImageChange","imageChangeParams":{"automatic":true,"containerNames":["web"],"from":{"kind":"ImageStreamTag","name":"example:latest"}}}]}}
            """, """{"latestVersion":1,"replicas":1,"updatedReplicas":1}""");
        var now = Meta.Timestamp(store.Clock.GetUtcNow());
        Create(store, ResourceTypes.Events, ns, """
            {"metadata":{"name":"web.17a1b2c3d4e5f6a7"},"involvedObject":{"kind":"Deployment","namespace":"@NS@","name":"web","uid":"@UID@","apiVersion":"apps/v1"},
             "reason":"ScalingReplicaSet","message":"Scaled up replica set web-5d4b7c9f8d from 0 to 3","source":{"component":"deployment-controller"},
             "firstTimestamp":"@NOW@","lastTimestamp":"@NOW@","count":4,"type":"Normal"}
            """, null, ("@NS@", ns), ("@UID@", Meta.Uid(store.GetRequired(ResourceTypes.Deployments, ns, "web")) ?? ""), ("@NOW@", now));
    }

    /// <summary>Pods named after the STATUS `kubectl get pods` must print for them.</summary>
    public static void SeedPods(ObjectStore store, string ns)
    {
        var finished = ("@FINISHED@", Meta.Timestamp(store.Clock.GetUtcNow().AddMinutes(-30)));
        Pod(store, ns, "pull-backoff", "Pending", """{"name":"web","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image"}}}""");
        Pod(store, ns, "err-pull", "Pending", """{"name":"web","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"ErrImagePull","message":"not found"}}}""");
        Pod(store, ns, "creating", "Pending", """{"name":"web","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"ContainerCreating"}}}""");
        Pod(store, ns, "crash", "Running", """{"name":"web","ready":false,"restartCount":4,"image":"x","imageID":"","state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"@FINISHED@"}}}""", finished);
        Pod(store, ns, "running", "Running", """{"name":"web","ready":true,"started":true,"restartCount":0,"image":"x","imageID":"","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}""");
        Pod(store, ns, "done", "Succeeded", """{"name":"web","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}""");
        Pod(store, ns, "stopping", "Running", """{"name":"web","ready":true,"restartCount":0,"image":"x","imageID":"","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}""", ("@FINALIZERS@", "[\"example.com/hold\"]"));
        store.Delete(ResourceTypes.Pods, ns, "stopping");
        Create(store, ResourceTypes.Pods, ns, """{"metadata":{"name":"init"},"spec":{"nodeName":"sim-node-0","initContainers":[{"name":"setup","image":"@IMAGE@"}],"containers":[{"name":"web","image":"@IMAGE@"}]}}""",
            """
            {"phase":"Pending","initContainerStatuses":[{"name":"setup","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}],
             "containerStatuses":[{"name":"web","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"PodInitializing"}}}]}
            """);
    }

    private static JsonObject Create(ObjectStore store, ResourceType type, string ns, string json, string? status, params (string Key, string Value)[] fill)
    {
        var created = store.Create(type, ns, JsonNode.Parse(Fill(json, fill))!.AsObject());
        return status is null ? created : store.Modify(type, ns, Meta.Name(created), o => o["status"] = JsonNode.Parse(Fill(status, fill)), WriteScope.Status);
    }

    private static void Pod(ObjectStore store, string ns, string name, string phase, string containerStatus, params (string Key, string Value)[] fill) =>
        Create(store, ResourceTypes.Pods, ns, """{"metadata":{"name":"@NAME@","finalizers":@FINALIZERS@},"spec":{"nodeName":"sim-node-0","containers":[{"name":"web","image":"@IMAGE@"}]}}""",
            """{"phase":"@PHASE@","podIP":"10.128.0.9","podIPs":[{"ip":"10.128.0.9"}],"containerStatuses":[@STATUS@]}""",
            [("@NAME@", name), ("@PHASE@", phase), ("@STATUS@", Fill(containerStatus, fill)), .. fill, ("@FINALIZERS@", "[]")]);

    private static string Fill(string json, (string Key, string Value)[] fill)
    {
        json = json.Replace("@TEMPLATE@", Template, StringComparison.Ordinal).Replace("@IMAGE@", Image, StringComparison.Ordinal);
        foreach (var (key, value) in fill)
        {
            json = json.Replace(key, value, StringComparison.Ordinal);
        }

        return json;
    }
}
