using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// The Deployment controller (kubernetes pkg/controller/deployment: sync.go, rolling.go, recreate.go, progress.go):
/// one ReplicaSet per pod template named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, revisions in
/// <c>deployment.kubernetes.io/revision</c>, RollingUpdate within maxSurge/maxUnavailable or Recreate, status and
/// Progressing/Available conditions (<see cref="DeploymentStatus"/>), progressDeadlineSeconds, spec.paused, and
/// rollback by a template change back to an older ReplicaSet's template.
/// </summary>
public sealed partial class DeploymentController(IControllerStore store, EventRecorder events, TimeProvider time) : IReconciler
{
    public const string HashLabel = "pod-template-hash";
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    private const string Component = "deployment-controller";

    // deploymentutil.annotationsToSkip: never copied from the Deployment to its ReplicaSets.
    private static readonly HashSet<string> AnnotationsToSkip =
    [
        "kubectl.kubernetes.io/last-applied-configuration", RevisionAnnotation, RevisionHistoryAnnotation,
        "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ];

    public string Name => "deployment";

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        TimeSpan? wake = null;
        var allSets = store.List("apps/v1", "ReplicaSet");
        foreach (var d in store.List("apps/v1", "Deployment"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Obj.IsDeleting(d))
            {
                wake = StatusFields.Min(wake, Sync(d, Obj.OwnedBy(allSets, d).ToList()));
            }
        }

        return wake;
    }

    private TimeSpan? Sync(JsonObject d, List<JsonObject> sets)
    {
        var now = time.GetUtcNow();
        var template = Obj.At(d, "spec", "template");
        var newRS = sets.FirstOrDefault(rs => TemplateHash.EqualIgnoringLabel(Obj.At(rs, "spec", "template"), template, HashLabel));
        var olds = sets.Where(rs => rs != newRS).OrderBy(rs => Obj.Str(rs, "metadata", "creationTimestamp")).ToList();
        var paused = Obj.Bool(d, "spec", "paused");
        var replicas = DeploymentStatus.Replicas(d);

        if (paused)
        {
            // sync(): no new ReplicaSet while paused; a scaling change still reaches the current one.
            if (newRS is not null && olds.All(rs => Obj.Int(rs, 0, "spec", "replicas") == 0))
            {
                newRS = Scale(d, newRS, replicas) ?? newRS;
            }

            return WriteStatus(d, sets, newRS, now, withProgress: false);
        }

        if (newRS is not null)
        {
            newRS = SyncRevision(d, newRS, olds) ?? newRS;
        }

        bool scaled;
        if (DeploymentStatus.IsRollingUpdate(d))
        {
            if (newRS is null)
            {
                newRS = CreateNewReplicaSet(d, olds, now);
                return newRS is null ? TimeSpan.FromMilliseconds(100) : TimeSpan.Zero;
            }

            scaled = ReconcileNewReplicaSet(d, ref newRS, olds) || ReconcileOldReplicaSets(d, newRS, olds);
        }
        else
        {
            scaled = Recreate(d, ref newRS, olds);
        }

        var all = newRS is null ? olds : [.. olds, newRS];
        if (!scaled && newRS is not null)
        {
            CleanupOldReplicaSets(d, olds);
        }

        return WriteStatus(d, all, newRS, now, withProgress: true);
    }

    private TimeSpan? WriteStatus(JsonObject d, IReadOnlyList<JsonObject> all, JsonObject? newRS, DateTimeOffset now, bool withProgress)
    {
        JsonObject status;
        TimeSpan? recheck = null;
        if (withProgress)
        {
            (status, recheck) = DeploymentStatus.WithProgress(d, all, newRS, now);
        }
        else
        {
            status = DeploymentStatus.Calculate(d, all, newRS, now);
            StatusFields.OmitZero(status, "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas");
        }

        PausedConditions(d, status, now);
        if (StatusFields.Differs(Obj.At(d, "status"), status))
        {
            d["status"] = status;
            store.UpdateStatus(d);
        }

        return recheck;
    }

    /// <summary>checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed.</summary>
    private static void PausedConditions(JsonObject d, JsonObject status, DateTimeOffset now)
    {
        if (!DeploymentStatus.HasProgressDeadline(d))
        {
            return;
        }

        var current = Conditions.Get(status, DeploymentStatus.Progressing);
        var pausedExists = current is not null && Obj.Str(current, "reason") == DeploymentStatus.PausedReason;
        var paused = Obj.Bool(d, "spec", "paused");
        if (paused && !pausedExists)
        {
            Conditions.Set(status, Conditions.Make(DeploymentStatus.Progressing, "Unknown", DeploymentStatus.PausedReason, "Deployment is paused", now));
        }
        else if (!paused && pausedExists)
        {
            Conditions.Set(status, Conditions.Make(DeploymentStatus.Progressing, "Unknown", DeploymentStatus.ResumedReason, "Deployment is resumed", now));
        }
    }

    private static long Revision(JsonObject rs) => Obj.Int(rs, 0, "metadata", "annotations", RevisionAnnotation);

    private JsonObject? CreateNewReplicaSet(JsonObject d, List<JsonObject> olds, DateTimeOffset now)
    {
        var collisions = Obj.Int(d, 0, "status", "collisionCount");
        var hash = TemplateHash.Compute(Obj.At(d, "spec", "template"), collisions);
        var template = Obj.Clone(Obj.At(d, "spec", "template") ?? new JsonObject());
        Obj.Ensure(template, "metadata", "labels")[HashLabel] = hash;
        var selector = Obj.Clone(Obj.At(d, "spec", "selector") ?? new JsonObject());
        Obj.Ensure(selector, "matchLabels")[HashLabel] = hash;
        var name = $"{Obj.Name(d)}-{hash}";
        var revision = olds.Select(Revision).DefaultIfEmpty(0).Max() + 1;
        var replicas = DeploymentStatus.Replicas(d);

        var annotations = new JsonObject();
        foreach (var (k, v) in Obj.StringMap(d, "metadata", "annotations").Where(a => !AnnotationsToSkip.Contains(a.Key)))
        {
            annotations[k] = v;
        }

        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/max-replicas"] = (replicas + DeploymentStatus.Fenceposts(d).Surge).ToString(CultureInfo.InvariantCulture);
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Obj.Namespace(d),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(Obj.OwnerReference(d)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = Obj.Int(d, 0, "spec", "minReadySeconds"),
                ["selector"] = selector,
                ["template"] = template,
            },
        };
        var initial = DeploymentStatus.IsRollingUpdate(d) ? RollingNewReplicas(d, [.. olds], 0) : replicas;
        rs["spec"]!["replicas"] = initial;
        var created = store.Create(rs);
        if (created is null)
        {
            // A ReplicaSet of that name with another template: a hash collision (sync.go getNewReplicaSet).
            if (store.Get("apps/v1", "ReplicaSet", Obj.Namespace(d), name) is { } existing
                && !TemplateHash.EqualIgnoringLabel(Obj.At(existing, "spec", "template"), Obj.At(d, "spec", "template"), HashLabel))
            {
                Obj.Ensure(d, "status")["collisionCount"] = collisions + 1;
                store.UpdateStatus(d);
            }

            return null;
        }

        if (initial > 0)
        {
            events.Normal(d, Component, "ScalingReplicaSet", $"Scaled up replica set {name} from 0 to {initial}");
        }

        SetDeploymentRevision(d, revision);
        if (DeploymentStatus.HasProgressDeadline(d) && store.Get("apps/v1", "Deployment", Obj.Namespace(d), Obj.Name(d)) is { } fresh)
        {
            var status = Obj.At(fresh, "status") as JsonObject ?? new JsonObject();
            Conditions.Set(status, Conditions.Make(DeploymentStatus.Progressing, "True", DeploymentStatus.NewReplicaSetReason,
                $"Created new replica set \"{name}\"", now));
            fresh["status"] = status;
            store.UpdateStatus(fresh);
        }

        return created;
    }

    /// <summary>
    /// deploymentutil.SetNewReplicaSetAnnotations on every sync: the Deployment's annotations are copied onto the new
    /// ReplicaSet (a later <c>kubernetes.io/change-cause</c> shows in <c>kubectl rollout history</c>), and a template
    /// change back to an older ReplicaSet's template makes it the newest revision again, its old number kept in
    /// <c>deployment.kubernetes.io/revision-history</c>.
    /// </summary>
    private JsonObject? SyncRevision(JsonObject d, JsonObject newRS, List<JsonObject> olds)
    {
        var maxOld = olds.Select(Revision).DefaultIfEmpty(0).Max();
        var revision = Revision(newRS);
        var changed = false;
        foreach (var (k, v) in Obj.StringMap(d, "metadata", "annotations").Where(a => !AnnotationsToSkip.Contains(a.Key)))
        {
            if (Obj.Annotation(newRS, k) != v)
            {
                Obj.SetAnnotation(newRS, k, v);
                changed = true;
            }
        }

        if (revision <= maxOld)
        {
            if (Obj.Annotation(newRS, RevisionAnnotation) is { Length: > 0 } previous)
            {
                var history = Obj.Annotation(newRS, RevisionHistoryAnnotation);
                Obj.SetAnnotation(newRS, RevisionHistoryAnnotation, string.IsNullOrEmpty(history) ? previous : $"{history},{previous}");
            }

            revision = maxOld + 1;
            Obj.SetAnnotation(newRS, RevisionAnnotation, revision.ToString(CultureInfo.InvariantCulture));
            changed = true;
        }

        if (changed)
        {
            newRS = store.Update(newRS) ?? newRS;
        }

        SetDeploymentRevision(d, revision);
        return newRS;
    }

    private void SetDeploymentRevision(JsonObject d, long revision)
    {
        var value = revision.ToString(CultureInfo.InvariantCulture);
        if (Obj.Annotation(d, RevisionAnnotation) == value)
        {
            return;
        }

        if (store.Get("apps/v1", "Deployment", Obj.Namespace(d), Obj.Name(d)) is { } fresh)
        {
            Obj.SetAnnotation(fresh, RevisionAnnotation, value);
            if (store.Update(fresh) is { } updated)
            {
                d["metadata"] = updated["metadata"]!.DeepClone();
            }
        }
    }
}
