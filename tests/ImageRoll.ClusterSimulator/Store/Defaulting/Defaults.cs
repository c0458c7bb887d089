using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store.Defaulting;

/// <summary>
/// The defaulting the real API server applies to every object it decodes (create and update) for pods, Jobs,
/// CronJobs, Services and Secrets (pkg/apis/core/v1/defaults.go, pkg/apis/batch/v1/defaults.go), so objects read back look
/// like a real cluster's.
/// </summary>
public sealed class Defaults : IObjectStrategy
{
    private int _nextServiceIp = 10;

    /// <summary>
    /// Whether the resource has defaults here. Deployments, StatefulSets, DaemonSets, ReplicaSets,
    /// ReplicationControllers and DeploymentConfigs are defaulted by Controllers/Core/WorkloadDefaults.
    /// </summary>
    public static bool Covers(ResourceType type) => type.Kind is "Job" or "CronJob" or "Pod" or "Service" or "Secret";

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
        if (kind == "Secret")
        {
            SecretDefaults(obj);
            return;
        }

        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        switch (kind)
        {
            case "Pod":
                PodSpecDefaults.Apply(spec);
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

    // pkg/apis/core/v1/conversion.go: stringData is write-only, merged into data (base64) on the way in.
    private static void SecretDefaults(JsonObject secret)
    {
        Set(secret, "type", "Opaque");
        if (secret["stringData"] is JsonObject stringData)
        {
            if (secret["data"] is not JsonObject data)
            {
                data = new JsonObject();
                secret["data"] = data;
            }

            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Meta.Str(value) ?? ""));
            }

            secret.Remove("stringData");
        }
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
            var n = Interlocked.Increment(ref _nextServiceIp);
            var ip = $"172.30.{n / 250}.{(n % 250) + 1}";
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
            Set(spec, "ipFamilies", new JsonArray("IPv4"));
            Set(spec, "ipFamilyPolicy", "SingleStack");
        }
    }
}
