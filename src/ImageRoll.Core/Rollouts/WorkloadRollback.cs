using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// Finds and restores a workload's previous revision as the real tools do:
/// Deployment as <c>kubectl rollout undo</c> (kubernetes/kubectl pkg/polymorphichelpers/rollback.go,
/// DeploymentRollbacker: the ReplicaSet with the second-highest <c>deployment.kubernetes.io/revision</c>, its template
/// without the <c>pod-template-hash</c> label, annotations merged minus the skip list, sent as a JSON patch);
/// StatefulSet/DaemonSet to the second-newest ControllerRevision's template (the same file's
/// StatefulSetRollbacker/DaemonSetRollbacker; sent as a JSON patch of spec.template rather than the revision's
/// strategic merge patch, which is equivalent for the template it replaces); DeploymentConfig as <c>oc rollback</c>:
/// the template of the last Complete RC before latestVersion (its <c>openshift.io/encoded-deployment-config</c>).
/// </summary>
public sealed class WorkloadRollback(IKubeApi api)
{
    /// <summary>kubectl's annotationsToSkip: kept from the deployment, never copied from the ReplicaSet.</summary>
    private static readonly HashSet<string> AnnotationsToSkip = new(StringComparer.Ordinal)
    {
        "kubectl.kubernetes.io/last-applied-configuration",
        "deployment.kubernetes.io/revision",
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    };

    public async Task<RollbackTarget> FindPreviousAsync(WorkloadRef workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var ns = workload.Namespace ?? api.DefaultNamespace;
        if (workload.Kind == ResourceKind.Deployments)
        {
            return await DeploymentAsync(workload, ns, cancellationToken).ConfigureAwait(false);
        }

        if (workload.Kind == ResourceKind.StatefulSets || workload.Kind == ResourceKind.DaemonSets)
        {
            return await ControllerRevisionAsync(workload, ns, cancellationToken).ConfigureAwait(false);
        }

        if (workload.Kind == ResourceKind.DeploymentConfigs)
        {
            return await DeploymentConfigAsync(workload, ns, cancellationToken).ConfigureAwait(false);
        }

        throw new ImageRollException(RolloutCodes.NoRevisions, FailureKind.BadInput, $"{workload} cannot be rolled back: it has no revisions.",
            "Roll back deployments, statefulsets, daemonsets and deploymentconfigs.");
    }

    /// <summary>Sends the restoring patch (and, for a DC whose controller would not start the version itself, asks for the rollout as oc does).</summary>
    public async Task ApplyAsync(RollbackTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ns = target.Workload.Namespace ?? api.DefaultNamespace;
        await api.PatchAsync<KubeObject>(target.Workload.Kind, ns, target.Workload.Name, PatchType.Json, target.JsonPatch, null, cancellationToken).ConfigureAwait(false);
        if (target.InstantiateAfterPatch)
        {
            var request = new JsonObject { ["kind"] = "DeploymentRequest", ["apiVersion"] = "apps.openshift.io/v1", ["name"] = target.Workload.Name, ["latest"] = true, ["force"] = true };
            await api.PostSubresourceAsync<KubeObject>(target.Workload.Kind, ns, target.Workload.Name, "instantiate", request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RollbackTarget> DeploymentAsync(WorkloadRef w, string ns, CancellationToken ct)
    {
        var d = await api.GetAsync<Deployment>(ResourceKind.Deployments, ns, w.Name, ct).ConfigureAwait(false);
        if (d.Spec.Paused == true)
        {
            throw new ImageRollException(RolloutCodes.PausedNoRollback, FailureKind.RolloutFailed,
                $"you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/{w.Name}' and try again", null);
        }

        var list = await api.ListAsync<ReplicaSet>(ResourceKind.ReplicaSets, ns, new ListOptions(LabelSelector: d.Spec.Selector?.ToQuery()), ct).ConfigureAwait(false);
        var previous = list.Items
            .Where(rs => Owners.IsControlledBy(rs, "Deployment", w.Name))
            .Select(rs => (Rs: rs, Rev: long.TryParse(rs.Metadata.Annotation("deployment.kubernetes.io/revision"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : -1))
            .Where(x => x.Rev >= 0)
            .OrderByDescending(x => x.Rev)
            .Skip(1)
            .FirstOrDefault().Rs
            ?? throw NoHistory(w, $"no rollout history found for deployment \"{w.Name}\"");

        var template = JsonSerializer.SerializeToNode(previous.Spec.Template, KubeJson.TypeInfo<PodTemplateSpec>())!.AsObject();
        (template["metadata"]?["labels"] as JsonObject)?.Remove("pod-template-hash");
        var annotations = new JsonObject();
        foreach (var (k, v) in d.Metadata.Annotations ?? [])
        {
            if (AnnotationsToSkip.Contains(k))
            {
                annotations[k] = v;
            }
        }

        foreach (var (k, v) in previous.Metadata.Annotations ?? [])
        {
            if (!AnnotationsToSkip.Contains(k))
            {
                annotations[k] = v;
            }
        }

        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = annotations });
        return new RollbackTarget(w, previous.Metadata.Name ?? "?", Images(previous.Spec.Template), patch.ToJsonString());
    }

    private async Task<RollbackTarget> ControllerRevisionAsync(WorkloadRef w, string ns, CancellationToken ct)
    {
        var owner = w.Kind == ResourceKind.StatefulSets ? "StatefulSet" : "DaemonSet";
        var selector = w.Kind == ResourceKind.StatefulSets
            ? (await api.GetAsync<StatefulSet>(w.Kind, ns, w.Name, ct).ConfigureAwait(false)).Spec.Selector
            : (await api.GetAsync<DaemonSet>(w.Kind, ns, w.Name, ct).ConfigureAwait(false)).Spec.Selector;
        var list = await api.ListAsync<ControllerRevision>(ResourceKind.ControllerRevisions, ns, new ListOptions(LabelSelector: selector?.ToQuery()), ct).ConfigureAwait(false);
        var history = list.Items.Where(r => Owners.IsControlledBy(r, owner, w.Name)).OrderBy(r => r.Revision).ToList();
        if (history.Count <= 1)
        {
            throw NoHistory(w, "no last revision to roll back to");
        }

        var previous = history[^2];
        var template = previous.Data is { } data && data.TryGetProperty("spec", out var spec) && spec.TryGetProperty("template", out var t)
            ? JsonNode.Parse(t.GetRawText())!.AsObject()
            : throw NoHistory(w, $"controller revision \"{previous.Metadata.Name}\" holds no pod template");
        template.Remove("$patch");
        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template });
        return new RollbackTarget(w, previous.Metadata.Name ?? "?", Images(template.Deserialize(KubeJson.TypeInfo<PodTemplateSpec>())!), patch.ToJsonString());
    }

    private async Task<RollbackTarget> DeploymentConfigAsync(WorkloadRef w, string ns, CancellationToken ct)
    {
        var dc = await api.GetAsync<DeploymentConfig>(w.Kind, ns, w.Name, ct).ConfigureAwait(false);
        var list = await api.ListAsync<ReplicationController>(ResourceKind.ReplicationControllers, ns, new ListOptions(LabelSelector: $"openshift.io/deployment-config.name={w.Name}"), ct).ConfigureAwait(false);
        var last = list.Items
            .Where(rc => rc.Metadata.Annotation("openshift.io/deployment.phase") == "Complete")
            .Select(rc => (Rc: rc, Version: long.TryParse(rc.Metadata.Annotation("openshift.io/deployment-config.latest-version"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(x => x.Version >= 0 && x.Version < dc.Status.LatestVersion)
            .OrderByDescending(x => x.Version)
            .FirstOrDefault().Rc
            ?? throw NoHistory(w, $"no complete deployment of \"{w.Name}\" before version {dc.Status.LatestVersion} to roll back to");

        JsonObject template;
        if (last.Metadata.Annotation("openshift.io/encoded-deployment-config") is { Length: > 0 } encoded
            && JsonNode.Parse(encoded)?["spec"]?["template"] is JsonObject fromConfig)
        {
            template = fromConfig.DeepClone().AsObject();
        }
        else
        {
            // The RC's template carries the labels the DC controller added (deployment=NAME-N): drop that one.
            template = JsonSerializer.SerializeToNode(last.Spec.Template ?? new PodTemplateSpec(), KubeJson.TypeInfo<PodTemplateSpec>())!.AsObject();
            (template["metadata"]?["labels"] as JsonObject)?.Remove("deployment");
        }

        var patch = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = template });
        var restored = template.Deserialize(KubeJson.TypeInfo<PodTemplateSpec>())!;

        // The DC controller starts the rollback's version itself with a ConfigChange trigger (template changed), or
        // with ANY ImageChange trigger when a container image is not among the latest RC's (openshift-controller-manager
        // deploymentconfig_controller.go triggerActivated/hasUpdatedImages); instantiating as well would start a
        // second version, or hit instantiate's 404 for the RC the controller has not made yet.
        var latestRc = list.Items.FirstOrDefault(rc => rc.Metadata.Name == $"{w.Name}-{dc.Status.LatestVersion.ToString(CultureInfo.InvariantCulture)}");
        var latestImages = latestRc?.Spec.Template?.Spec.Containers.Select(c => c.Image).ToHashSet(StringComparer.Ordinal) ?? [];
        var controllerRolls = dc.Spec.Triggers.Any(t => t.Type == "ConfigChange")
                              || (dc.Spec.Triggers.Any(t => t.Type == "ImageChange") && restored.Spec.Containers.Any(c => !latestImages.Contains(c.Image)));
        return new RollbackTarget(w, last.Metadata.Name ?? "?", Images(restored), patch.ToJsonString(), InstantiateAfterPatch: !controllerRolls && dc.Spec.Paused != true);
    }

    private static Dictionary<string, string> Images(PodTemplateSpec t) =>
        t.Spec.InitContainers.Concat(t.Spec.Containers).Where(c => c.Name is not null && c.Image is not null).ToDictionary(c => c.Name!, c => c.Image!);

    private static ImageRollException NoHistory(WorkloadRef w, string message) =>
        new(RolloutCodes.NoEarlierRevision, FailureKind.RolloutFailed, $"{w} cannot be rolled back: {message}.", "There is no earlier revision; fix the image and release again.");

    internal static string Describe(RollbackTarget t) =>
        new StringBuilder().Append("rolled back to ").Append(t.Revision).Append(" (").AppendJoin(", ", t.Images.Select(kv => $"{kv.Key}={kv.Value}")).Append(')').ToString();
}
