using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store.Defaulting;

/// <summary>
/// The defaulting the real API servers apply to every object they decode (create and update), so objects read
/// back look like a real cluster's: replicas 1, RollingUpdate strategies, revisionHistoryLimit 10, pod template
/// defaults, Service ports. Without it, e.g., `kubectl rollout status` refuses a DaemonSet with no
/// updateStrategy ("only available for RollingUpdate strategy type").
/// </summary>
public sealed class Defaults : IObjectStrategy
{
    private int nextServiceIp = 10;

    /// <summary>Whether the resource has defaults here.</summary>
    public static bool Covers(ResourceType type) =>
        type.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "ReplicationController" or "Job" or "CronJob"
            or "Pod" or "Service" or "DeploymentConfig";

    public void PrepareForCreate(JsonObject obj) => Apply(obj, creating: true);

    public void PrepareForUpdate(JsonObject obj, JsonObject old, WriteScope scope)
    {
        if (scope != WriteScope.Status)
        {
            Apply(obj, creating: false);
            if (Meta.Str(obj["kind"]) == "Service" && obj["spec"] is JsonObject spec && old["spec"]?["clusterIP"] is { } ip)
            {
                // clusterIP is immutable once allocated.
                spec["clusterIP"] = ip.DeepClone();
                spec["clusterIPs"] = old["spec"]?["clusterIPs"]?.DeepClone();
            }
        }
    }

    internal static void Set(JsonObject obj, string key, JsonNode? value)
    {
        if (obj[key] is null)
        {
            obj.Remove(key);
            obj[key] = value;
        }
    }

    private void Apply(JsonObject obj, bool creating)
    {
        var kind = Meta.Str(obj["kind"]);
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        switch (kind)
        {
            case "Pod":
                PodSpecDefaults.Apply(spec);
                break;
            case "Deployment":
                Set(spec, "replicas", 1);
                Set(spec, "strategy", new JsonObject());
                var strategy = spec["strategy"]!.AsObject();
                Set(strategy, "type", "RollingUpdate");
                if (Meta.Str(strategy["type"]) == "RollingUpdate")
                {
                    Set(strategy, "rollingUpdate", new JsonObject());
                    Set(strategy["rollingUpdate"]!.AsObject(), "maxUnavailable", "25%");
                    Set(strategy["rollingUpdate"]!.AsObject(), "maxSurge", "25%");
                }

                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "progressDeadlineSeconds", 600);
                Template(spec);
                break;
            case "StatefulSet":
                Set(spec, "replicas", 1);
                Set(spec, "podManagementPolicy", "OrderedReady");
                Set(spec, "updateStrategy", new JsonObject());
                var sts = spec["updateStrategy"]!.AsObject();
                Set(sts, "type", "RollingUpdate");
                if (Meta.Str(sts["type"]) == "RollingUpdate")
                {
                    Set(sts, "rollingUpdate", new JsonObject());
                    Set(sts["rollingUpdate"]!.AsObject(), "partition", 0);
                }

                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "persistentVolumeClaimRetentionPolicy", new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" });
                Template(spec);
                break;
            case "DaemonSet":
                Set(spec, "updateStrategy", new JsonObject());
                var ds = spec["updateStrategy"]!.AsObject();
                Set(ds, "type", "RollingUpdate");
                if (Meta.Str(ds["type"]) == "RollingUpdate")
                {
                    Set(ds, "rollingUpdate", new JsonObject());
                    Set(ds["rollingUpdate"]!.AsObject(), "maxUnavailable", 1);
                    Set(ds["rollingUpdate"]!.AsObject(), "maxSurge", 0);
                }

                Set(spec, "revisionHistoryLimit", 10);
                Template(spec);
                break;
            case "ReplicaSet":
                Set(spec, "replicas", 1);
                Template(spec);
                break;
            case "ReplicationController":
            case "DeploymentConfig":
                ReplicationDefaults(obj, spec, kind);
                break;
            case "Job":
                JobDefaults(spec);
                break;
            case "CronJob":
                Set(spec, "concurrencyPolicy", "Allow");
                Set(spec, "suspend", false);
                Set(spec, "successfulJobsHistoryLimit", 3);
                Set(spec, "failedJobsHistoryLimit", 1);
                if (spec["jobTemplate"]?["spec"] is JsonObject jobSpec)
                {
                    JobDefaults(jobSpec);
                }

                break;
            case "Service":
                ServiceDefaults(spec, creating);
                break;
        }
    }

    private static void Template(JsonObject spec, string restartPolicy = "Always") =>
        PodSpecDefaults.Apply(spec["template"]?["spec"] as JsonObject, restartPolicy);

    private static void JobDefaults(JsonObject spec)
    {
        Set(spec, "parallelism", 1);
        Set(spec, "completions", 1);
        Set(spec, "backoffLimit", 6);
        Set(spec, "completionMode", "NonIndexed");
        Set(spec, "suspend", false);
        Template(spec, restartPolicy: Meta.Str(spec["template"]?["spec"]?["restartPolicy"]) ?? "Never");
    }

    // RC: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController; DC: openshift/api apps/v1 defaults
    // (ConfigChange trigger when triggers are nil, Rolling strategy, revisionHistoryLimit 10).
    private static void ReplicationDefaults(JsonObject obj, JsonObject spec, string? kind)
    {
        var templateLabels = spec["template"]?["metadata"]?["labels"] as JsonObject;
        if (templateLabels is not null)
        {
            Set(spec, "selector", templateLabels.DeepClone());
            if (kind == "ReplicationController")
            {
                Set(Meta.Of(obj), "labels", templateLabels.DeepClone());
            }
        }

        if (kind == "ReplicationController")
        {
            Set(spec, "replicas", 1);
            Template(spec);
            return;
        }

        Set(spec, "replicas", 0);
        Set(spec, "test", false);
        Set(spec, "revisionHistoryLimit", 10);
        if (spec["triggers"] is null)
        {
            spec["triggers"] = new JsonArray(new JsonObject { ["type"] = "ConfigChange" });
        }

        Set(spec, "strategy", new JsonObject());
        var strategy = spec["strategy"]!.AsObject();
        Set(strategy, "type", "Rolling");
        if (Meta.Str(strategy["type"]) == "Rolling")
        {
            Set(strategy, "rollingParams", new JsonObject());
            var rolling = strategy["rollingParams"]!.AsObject();
            Set(rolling, "updatePeriodSeconds", 1);
            Set(rolling, "intervalSeconds", 1);
            Set(rolling, "timeoutSeconds", 600);
            Set(rolling, "maxUnavailable", "25%");
            Set(rolling, "maxSurge", "25%");
        }

        Set(strategy, "resources", new JsonObject());
        Set(strategy, "activeDeadlineSeconds", 21600);
        Template(spec);
    }

    private void ServiceDefaults(JsonObject spec, bool creating)
    {
        Set(spec, "type", "ClusterIP");
        Set(spec, "sessionAffinity", "None");
        Set(spec, "internalTrafficPolicy", "Cluster");
        foreach (var port in (spec["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Set(port, "protocol", "TCP");
            Set(port, "targetPort", port["port"]?.DeepClone());
        }

        if (creating && spec["clusterIP"] is null && Meta.Str(spec["type"]) is "ClusterIP" or "NodePort" or "LoadBalancer")
        {
            // OpenShift's default service network is 172.30.0.0/16; the address is data only, never dialled.
            var n = Interlocked.Increment(ref nextServiceIp);
            var ip = $"172.30.{n / 250}.{(n % 250) + 1}";
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
            Set(spec, "ipFamilies", new JsonArray("IPv4"));
            Set(spec, "ipFamilyPolicy", "SingleStack");
        }
    }
}
