using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Rollouts;

/// <summary>
/// Status snapshots in the shapes real API servers return (fields, nesting, defaulted spec values and condition words
/// as in `kubectl get -o yaml` output of k8s.io/api apps/v1 objects), with a per-case overlay merged on top (RFC 7386 style).
/// </summary>
internal static class Snapshots
{
    public const string DeploymentBase = """
    {"apiVersion":"apps/v1","kind":"Deployment",
     "metadata":{"name":"web","namespace":"shop","generation":4,"resourceVersion":"752492","uid":"f64903f0-bbf9-4c00-9f4c-a49f6e425680",
       "annotations":{"deployment.kubernetes.io/revision":"4","image.openshift.io/triggers":"[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"web:latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"}]"},
       "labels":{"app":"web"},"creationTimestamp":"2026-11-20T09:09:17Z"},
     "spec":{"progressDeadlineSeconds":600,"replicas":3,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"web"}},
       "strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"},"type":"RollingUpdate"},
       "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
         "spec":{"containers":[{"image":"image-registry.openshift-image-registry.svc:5000/shop/web@sha256:1b5d2f0a0c3c6c52b4e1f2b2d3e8a5f3b3c9d6a5e0f1a2b3c4d5e6f708192a3b","imagePullPolicy":"IfNotPresent","name":"web","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],
           "dnsPolicy":"ClusterFirst","restartPolicy":"Always","schedulerName":"default-scheduler","securityContext":{},"terminationGracePeriodSeconds":30}}},
     "status":{"availableReplicas":3,"observedGeneration":4,"readyReplicas":3,"replicas":3,"updatedReplicas":3,
       "conditions":[
        {"lastTransitionTime":"2026-11-20T09:09:17Z","lastUpdateTime":"2026-11-20T09:11:22Z","message":"Deployment has minimum availability.","reason":"MinimumReplicasAvailable","status":"True","type":"Available"},
        {"lastTransitionTime":"2026-11-20T09:09:17Z","lastUpdateTime":"2026-11-20T09:11:22Z","message":"ReplicaSet \"web-57586646f7\" has successfully progressed.","reason":"NewReplicaSetAvailable","status":"True","type":"Progressing"}]}}
    """;

    public const string StatefulSetBase = """
    {"apiVersion":"apps/v1","kind":"StatefulSet",
     "metadata":{"name":"db","namespace":"shop","generation":2,"resourceVersion":"11451","uid":"7a0c2a4e-0b7e-4c52-a3d6-5a8c0b8f1e11","labels":{"app":"db"}},
     "spec":{"podManagementPolicy":"OrderedReady","replicas":3,"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"db"}},"serviceName":"db",
       "template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"image":"registry.example.com/shop/db@sha256:aa","name":"db","ports":[{"containerPort":5432,"protocol":"TCP"}]}]}},
       "updateStrategy":{"rollingUpdate":{"partition":0},"type":"RollingUpdate"}},
     "status":{"availableReplicas":3,"collisionCount":0,"currentReplicas":3,"currentRevision":"db-7c9b4c5d8f","observedGeneration":2,"readyReplicas":3,"replicas":3,"updateRevision":"db-7c9b4c5d8f","updatedReplicas":3}}
    """;

    public const string DaemonSetBase = """
    {"apiVersion":"apps/v1","kind":"DaemonSet",
     "metadata":{"name":"agent","namespace":"shop","generation":3,"resourceVersion":"9911","uid":"0c6f5b1e-2d7a-4f0e-9c1b-8d9e0f1a2b3c","labels":{"app":"agent"}},
     "spec":{"revisionHistoryLimit":10,"selector":{"matchLabels":{"app":"agent"}},
       "template":{"metadata":{"labels":{"app":"agent"}},"spec":{"containers":[{"image":"registry.example.com/shop/agent@sha256:bb","name":"agent"}]}},
       "updateStrategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":1},"type":"RollingUpdate"}},
     "status":{"currentNumberScheduled":3,"desiredNumberScheduled":3,"numberAvailable":3,"numberMisscheduled":0,"numberReady":3,"observedGeneration":3,"updatedNumberScheduled":3}}
    """;

    public const string DeploymentConfigBase = """
    {"apiVersion":"apps.openshift.io/v1","kind":"DeploymentConfig",
     "metadata":{"name":"frontend","namespace":"shop","generation":5,"resourceVersion":"340210","uid":"5b9e8d1c-aa0e-4a4d-9f3e-1f2a3b4c5d6e","labels":{"app":"frontend"}},
     "spec":{"replicas":2,"revisionHistoryLimit":10,"selector":{"app":"frontend","deploymentconfig":"frontend"},
       "strategy":{"activeDeadlineSeconds":21600,"resources":{},"rollingParams":{"intervalSeconds":1,"maxSurge":"25%","maxUnavailable":"25%","timeoutSeconds":600,"updatePeriodSeconds":1},"type":"Rolling"},
       "template":{"metadata":{"labels":{"app":"frontend","deploymentconfig":"frontend"}},"spec":{"containers":[{"image":"image-registry.openshift-image-registry.svc:5000/shop/frontend@sha256:cc","name":"frontend"}]}},
       "test":false,
       "triggers":[{"type":"ConfigChange"},{"imageChangeParams":{"automatic":true,"containerNames":["frontend"],"from":{"kind":"ImageStreamTag","name":"frontend:latest","namespace":"shop"},"lastTriggeredImage":"image-registry.openshift-image-registry.svc:5000/shop/frontend@sha256:cc"},"type":"ImageChange"}]},
     "status":{"availableReplicas":2,"latestVersion":3,"observedGeneration":5,"readyReplicas":2,"replicas":2,"unavailableReplicas":0,"updatedReplicas":2,
       "details":{"causes":[{"imageTrigger":{"from":{"kind":"DockerImage","name":"image-registry.openshift-image-registry.svc:5000/shop/frontend@sha256:cc"}},"type":"ImageChange"}],"message":"image change"},
       "conditions":[
        {"lastTransitionTime":"2026-11-20T10:00:00Z","lastUpdateTime":"2026-11-20T10:00:00Z","message":"Deployment config has minimum availability.","status":"True","type":"Available"},
        {"lastTransitionTime":"2026-11-20T10:01:10Z","lastUpdateTime":"2026-11-20T10:01:10Z","message":"replication controller \"frontend-3\" successfully rolled out","reason":"NewReplicationControllerAvailable","status":"True","type":"Progressing"}]}}
    """;

    /// <summary>The base with <paramref name="overlayJson"/> merged in (RFC 7386: null deletes, objects merge, arrays replace).</summary>
    public static T Load<T>(string baseJson, string overlayJson)
    {
        var node = JsonNode.Parse(baseJson)!;
        Merge(node.AsObject(), JsonNode.Parse(overlayJson)!.AsObject());
        return node.Deserialize<T>(KubeJson.Options)!;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject po && target[key] is JsonObject to)
            {
                Merge(to, po);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
