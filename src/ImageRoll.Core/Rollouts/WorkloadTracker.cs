using System.Globalization;
using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Rollouts;

/// <summary>
/// One followed workload: evaluates kubectl's/oc's check on the cached object, finds the pods of the NEW revision
/// and keeps a stuck-since clock per stuck container (<see cref="StuckClocks"/>) so the grace period is measured, not guessed.
/// </summary>
internal sealed class WorkloadTracker(WorkloadRef workload, string ns, DateTimeOffset started)
{
    private readonly StuckClocks _clocks = new();
    private DateTimeOffset? _pausedSince;

    public WorkloadRef Workload { get; } = workload;

    public string Namespace { get; } = ns;

    public DateTimeOffset Started { get; } = started;

    public RolloutResult? Result { get; set; }

    public string? LastMessage { get; set; }

    /// <summary>The newest stuck container (for evidence on deadline, timeout or a failed check) with how long it has been stuck.</summary>
    public (StuckPod Pod, TimeSpan For)? WorstStuck { get; private set; }

    /// <summary>The new revision's name (ReplicaSet, RC, ControllerRevision) when known.</summary>
    public string? Revision { get; private set; }

    /// <summary>Whether the workload object has been seen at all (after the initial list).</summary>
    public bool Exists(ClusterCache cache) => cache.Get<KubeObject>(Workload.Kind, Namespace, Workload.Name) is not null;

    public RolloutVerdict Check(ClusterCache cache)
    {
        var obj = cache.Get<KubeObject>(Workload.Kind, Namespace, Workload.Name);
        if (obj is DeploymentConfig view && RolloutStatusViewer.DeploymentConfig(view) is { State: RolloutState.Done } done && !LatestRcRunsTemplate(cache, view))
        {
            // oc reads the Progressing condition alone; right after an image change it still names the previous RC
            // until the controller bumps latestVersion. ImageRoll also requires the latest RC to run the template.
            return RolloutVerdict.Waiting("Waiting for latest deployment config spec to be observed by the controller loop...");
        }

        return obj switch
        {
            Deployment d => RolloutStatusViewer.Deployment(d),
            StatefulSet s => RolloutStatusViewer.StatefulSet(s),
            DaemonSet ds => RolloutStatusViewer.DaemonSet(ds),
            DeploymentConfig dc => RolloutStatusViewer.DeploymentConfig(dc),
            CronJob => RolloutVerdict.Done($"cronjob \"{Workload.Name}\" has no rollout to follow: its next job uses the updated template"),
            _ => RolloutVerdict.Failed("NotFound", $"{Workload.Kind.QualifiedName} \"{Workload.Name}\" not found in namespace \"{Namespace}\""),
        };
    }

    /// <summary>
    /// Early diagnosis for a waiting workload: a failure verdict once something has been stuck for the grace period,
    /// else null; <paramref name="nextWake"/> says when a clock would next run out; <paramref name="noticed"/>
    /// lists stuck containers to report as progress (first seen, or a new reason at most once per grace period).
    /// </summary>
    public RolloutVerdict? Diagnose(ClusterCache cache, DateTimeOffset now, TimeSpan grace, out DateTimeOffset? nextWake, out List<StuckPod> noticed)
    {
        nextWake = null;
        noticed = [];
        var obj = cache.Get<KubeObject>(Workload.Kind, Namespace, Workload.Name);

        if (obj is DeploymentConfig dc && dc.Status.LatestVersion > 0)
        {
            var rc = cache.Get<ReplicationController>(ResourceKind.ReplicationControllers, Namespace, $"{dc.Metadata.Name}-{dc.Status.LatestVersion.ToString(CultureInfo.InvariantCulture)}");
            if (rc?.Metadata.Annotation("openshift.io/deployment.phase") == "Failed")
            {
                var reason = rc.Metadata.Annotation("openshift.io/deployment.status-reason");
                return RolloutVerdict.Failed("DeploymentFailed",
                    $"replication controller \"{rc.Metadata.Name}\" failed" + (string.IsNullOrEmpty(reason) ? string.Empty : $": {reason}"));
            }
        }

        if (obj is Deployment { Spec.Paused: true })
        {
            _pausedSince ??= now;
            if (now - _pausedSince >= grace)
            {
                return RolloutVerdict.Failed("DeploymentPaused",
                    $"deployment \"{Workload.Name}\" is paused, so its rollout cannot finish (kubectl would wait until its timeout); resume it with 'kubectl rollout resume deployment/{Workload.Name}'");
            }

            nextWake = _pausedSince + grace;
        }
        else
        {
            _pausedSince = null;
        }

        noticed = _clocks.Observe(NewPods(cache, obj).ToList(), now, grace, out var due);
        WorstStuck = _clocks.Worst;
        if (due is not null && (nextWake is null || due < nextWake))
        {
            nextWake = due;
        }

        if (WorstStuck is { } worst && worst.For >= grace)
        {
            var p = worst.Pod;
            var what = p.Container is null ? $"pod {p.Pod}" : $"pod {p.Pod} container {p.Container}";
            return RolloutVerdict.Failed(p.Reason,
                $"{Workload} rollout failed: {what} has been {p.Reason} for {Util.GoDuration.Format(TimeSpan.FromSeconds(Math.Floor(worst.For.TotalSeconds)))}" + (string.IsNullOrEmpty(p.Message) ? string.Empty : $": {p.Message}"));
        }

        return null;
    }

    private bool LatestRcRunsTemplate(ClusterCache cache, DeploymentConfig dc)
    {
        var rc = cache.Get<ReplicationController>(ResourceKind.ReplicationControllers, Namespace, $"{dc.Metadata.Name}-{dc.Status.LatestVersion.ToString(CultureInfo.InvariantCulture)}");
        if (rc?.Spec.Template is null || dc.Spec.Template is null)
        {
            return true;
        }

        // The DC model keeps its template as raw JSON (lossless write-back); read it typed here.
        var dcTemplate = dc.Spec.Template.Deserialize(KubeJson.TypeInfo<PodTemplateSpec>()) ?? new PodTemplateSpec();
        static IEnumerable<string?> Images(PodTemplateSpec t) => t.Spec.InitContainers.Concat(t.Spec.Containers).Select(c => $"{c.Name}={c.Image}");
        return Images(rc.Spec.Template).SequenceEqual(Images(dcTemplate));
    }

    private IEnumerable<Pod> NewPods(ClusterCache cache, KubeObject? obj)
    {
        var pods = cache.All<Pod>(ResourceKind.Pods, Namespace);
        switch (obj)
        {
            case Deployment d when (d.Metadata.Generation ?? 0) <= d.Status.ObservedGeneration:
                // The controller stamps the deployment's revision annotation with its new ReplicaSet's revision
                // (kubernetes/kubectl pkg/util/deployment/deployment.go, RevisionAnnotation).
                var owned = cache.All<ReplicaSet>(ResourceKind.ReplicaSets, Namespace).Where(rs => Owners.IsControlledBy(rs, "Deployment", d.Metadata.Name)).ToList();
                var revision = d.Metadata.Annotation("deployment.kubernetes.io/revision");
                var newRs = owned.FirstOrDefault(rs => revision is not null && rs.Metadata.Annotation("deployment.kubernetes.io/revision") == revision)
                            ?? owned.OrderByDescending(rs => long.TryParse(rs.Metadata.Annotation("deployment.kubernetes.io/revision"), out var r) ? r : 0).FirstOrDefault();
                Revision = newRs?.Metadata.Name;
                return newRs is null ? [] : pods.Where(p => Owners.IsControlledBy(p, "ReplicaSet", newRs.Metadata.Name));
            case StatefulSet s:
                Revision = s.Status.UpdateRevision;
                return pods.Where(p => Owners.IsControlledBy(p, "StatefulSet", s.Metadata.Name)
                                       && (s.Status.UpdateRevision is null || Owners.Label(p, "controller-revision-hash") == s.Status.UpdateRevision));
            case DaemonSet ds:
                // The pods' pod-template-generation label is spec.templateGeneration, which apps/v1 serves as this
                // annotation and the API server bumps only when the template changes (kubernetes
                // pkg/registry/apps/daemonset/strategy.go PrepareForUpdate), not metadata.generation.
                var generation = ds.Metadata.Annotation("deprecated.daemonset.template.generation");
                var images = ds.Spec.Template.Spec.Containers.Select(c => c.Image).ToList();
                return pods.Where(p => Owners.IsControlledBy(p, "DaemonSet", ds.Metadata.Name)
                                       && (generation is not null && Owners.Label(p, "pod-template-generation") is { } g ? g == generation : p.Spec.Containers.Select(c => c.Image).SequenceEqual(images)));
            case DeploymentConfig dc when dc.Status.LatestVersion > 0:
                var rcName = $"{dc.Metadata.Name}-{dc.Status.LatestVersion.ToString(CultureInfo.InvariantCulture)}";
                Revision = rcName;
                return pods.Where(p => Owners.IsControlledBy(p, "ReplicationController", rcName));
            default:
                return [];
        }
    }
}
