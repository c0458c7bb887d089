using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// The API server's defaulting of workloads, applied on every create and update as the real decoder does
/// (kubernetes pkg/apis/apps/v1/defaults.go, pkg/apis/core/v1/defaults.go; openshift/api apps/v1 defaults for
/// DeploymentConfigs). kubectl depends on it: <c>rollout status</c> refuses a DaemonSet or StatefulSet whose
/// updateStrategy is not RollingUpdate, and a StatefulSet defaulted to partition 0 reports
/// "partitioned roll out complete".
/// </summary>
public sealed class WorkloadDefaults(string kind) : IObjectStrategy
{
    public static IReadOnlyList<(ResourceType Type, IObjectStrategy Strategy)> All { get; } =
    [
        (ResourceTypes.Deployments, new WorkloadDefaults("Deployment")),
        (ResourceTypes.StatefulSets, new WorkloadDefaults("StatefulSet")),
        (ResourceTypes.DaemonSets, new WorkloadDefaults("DaemonSet")),
        (ResourceTypes.ReplicaSets, new WorkloadDefaults("ReplicaSet")),
        (ResourceTypes.ReplicationControllers, new WorkloadDefaults("ReplicationController")),
        (ResourceTypes.DeploymentConfigs, new WorkloadDefaults("DeploymentConfig")),
    ];

    /// <summary>
    /// A DaemonSet's <c>spec.templateGeneration</c>, which apps/v1 carries in this annotation (kubernetes
    /// pkg/apis/apps/v1/conversion.go, <c>DeprecatedTemplateGeneration</c>); its pods are labelled with it.
    /// </summary>
    public const string TemplateGenerationAnnotation = "deprecated.daemonset.template.generation";

    public void PrepareForCreate(JsonObject obj)
    {
        Apply(obj);
        if (kind == "DaemonSet")
        {
            SetTemplateGeneration(obj, null);
        }
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, WriteScope scope)
    {
        Apply(obj);
        if (kind == "DaemonSet")
        {
            SetTemplateGeneration(obj, old);
        }
    }

    /// <summary>
    /// kubernetes pkg/registry/apps/daemonset/strategy.go: PrepareForCreate sets templateGeneration to at least 1;
    /// PrepareForUpdate keeps the old value (users cannot set it) and adds 1 only when spec.template changed, while
    /// metadata.generation moves with any spec change.
    /// </summary>
    private static void SetTemplateGeneration(JsonObject obj, JsonObject? old)
    {
        static long Read(JsonObject o) =>
            o["metadata"]?["annotations"]?[TemplateGenerationAnnotation] is JsonValue v && v.TryGetValue<string>(out var text)
            && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;

        var value = old is null
            ? Math.Max(1, Read(obj))
            : Read(old) + (JsonNode.DeepEquals(old["spec"]?["template"], obj["spec"]?["template"]) ? 0 : 1);
        var metadata = Ensure(obj, "metadata");
        Ensure(metadata, "annotations")[TemplateGenerationAnnotation] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Apply(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            return;
        }

        switch (kind)
        {
            case "Deployment":
                Default(spec, "replicas", 1);
                var strategy = Ensure(spec, "strategy");
                Default(strategy, "type", "RollingUpdate");
                if (Str(strategy, "type") == "RollingUpdate")
                {
                    var rolling = Ensure(strategy, "rollingUpdate");
                    Default(rolling, "maxUnavailable", "25%");
                    Default(rolling, "maxSurge", "25%");
                }

                Default(spec, "revisionHistoryLimit", 10);
                Default(spec, "progressDeadlineSeconds", 600);
                break;
            case "StatefulSet":
                Default(spec, "replicas", 1);
                Default(spec, "podManagementPolicy", "OrderedReady");
                var sts = Ensure(spec, "updateStrategy");
                Default(sts, "type", "RollingUpdate");
                if (Str(sts, "type") == "RollingUpdate")
                {
                    Default(Ensure(sts, "rollingUpdate"), "partition", 0);
                }

                Default(spec, "revisionHistoryLimit", 10);
                var retention = Ensure(spec, "persistentVolumeClaimRetentionPolicy");
                Default(retention, "whenDeleted", "Retain");
                Default(retention, "whenScaled", "Retain");
                break;
            case "DaemonSet":
                var ds = Ensure(spec, "updateStrategy");
                Default(ds, "type", "RollingUpdate");
                if (Str(ds, "type") == "RollingUpdate")
                {
                    var rolling = Ensure(ds, "rollingUpdate");
                    Default(rolling, "maxUnavailable", 1);
                    Default(rolling, "maxSurge", 0);
                }

                Default(spec, "revisionHistoryLimit", 10);
                break;
            case "ReplicaSet" or "ReplicationController":
                Default(spec, "replicas", 1);
                break;
            case "DeploymentConfig":
                var dc = Ensure(spec, "strategy");
                Default(dc, "type", "Rolling");
                if (Str(dc, "type") == "Rolling")
                {
                    var p = Ensure(dc, "rollingParams");
                    Default(p, "updatePeriodSeconds", 1);
                    Default(p, "intervalSeconds", 1);
                    Default(p, "timeoutSeconds", 600);
                    Default(p, "maxUnavailable", "25%");
                    Default(p, "maxSurge", "25%");
                }

                Default(dc, "activeDeadlineSeconds", 21600);
                Default(spec, "revisionHistoryLimit", 10);
                // The real SetDefaults_DeploymentConfigSpec also adds a ConfigChange trigger when triggers are absent;
                // not done here (the simulator's own tests create trigger-less DCs and expect no automatic rollout).
                if (spec["selector"] is not JsonObject { Count: > 0 } && spec["template"]?["metadata"]?["labels"] is JsonObject labels)
                {
                    spec["selector"] = labels.DeepClone();
                }

                break;
        }

        // Pod template defaults are left out for DeploymentConfigs: without an OpenAPI v2 document kubectl applies
        // them with a JSON merge patch, which replaces the whole containers list whenever the live one carries
        // defaulted fields (a real OpenShift serves the schema and kubectl merges by name).
        if (kind != "DeploymentConfig" && spec["template"]?["spec"] is JsonObject podSpec)
        {
            PodSpec(podSpec);

            // Go serialises the template's ObjectMeta.CreationTimestamp (not omitempty) as null; kubectl sends it
            // back in `rollout undo`. Present on every real workload read.
            var metadata = Ensure(spec["template"]!.AsObject(), "metadata");
            if (!metadata.ContainsKey("creationTimestamp"))
            {
                metadata["creationTimestamp"] = null;
            }
        }
    }

    private static void PodSpec(JsonObject spec)
    {
        Default(spec, "restartPolicy", "Always");
        Default(spec, "terminationGracePeriodSeconds", 30);
        Default(spec, "dnsPolicy", "ClusterFirst");
        Default(spec, "schedulerName", "default-scheduler");
        if (!spec.ContainsKey("securityContext"))
        {
            spec["securityContext"] = new JsonObject();
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var c in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                Default(c, "terminationMessagePath", "/dev/termination-log");
                Default(c, "resources", new JsonObject()); // a struct, not omitempty: always present on a real server
                Default(c, "terminationMessagePolicy", "File");
                // SetDefaults_Container: Always for ":latest" or no tag (and no digest), else IfNotPresent.
                var image = Str(c, "image") ?? "";
                var reference = ImageReference.TryParse(image);
                Default(c, "imagePullPolicy", reference is { Digest: null, Tag: "latest" } ? "Always" : "IfNotPresent");
                foreach (var port in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Default(port, "protocol", "TCP");
                }

                Store.Defaulting.PodSpecDefaults.Probes(c);
            }
        }
    }

    private static JsonObject Ensure(JsonObject parent, string key)
    {
        if (parent[key] is not JsonObject child)
        {
            child = new JsonObject();
            parent[key] = child;
        }

        return child;
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static void Default(JsonObject o, string key, JsonNode value)
    {
        if (o[key] is null)
        {
            o[key] = value;
        }
    }
}
