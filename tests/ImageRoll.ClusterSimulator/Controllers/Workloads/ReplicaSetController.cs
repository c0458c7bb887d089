using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// The ReplicaSet controller and, with <see cref="ForReplicationControllers"/>, the ReplicationController manager
/// (kubernetes pkg/controller/replicaset/replica_set.go; the RC manager is the same code over v1 RCs). It keeps
/// <c>spec.replicas</c> active pods named <c>&lt;owner&gt;-&lt;5 chars&gt;</c> with a controller ownerReference, and
/// reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration.
/// </summary>
public sealed class ReplicaSetController(
    IControllerStore store, EventRecorder events, TimeProvider time, string apiVersion, string kind, string component, string name)
    : IReconciler
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public string Name => name;

    public static ReplicaSetController ForReplicaSets(IControllerStore store, EventRecorder events, TimeProvider time) =>
        new(store, events, time, "apps/v1", "ReplicaSet", "replicaset-controller", "replicaset");

    public static ReplicaSetController ForReplicationControllers(IControllerStore store, EventRecorder events, TimeProvider time) =>
        new(store, events, time, "v1", "ReplicationController", "replication-controller", "replicationcontroller");

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        TimeSpan? wake = null;
        var pods = store.List("v1", "Pod");
        foreach (var rs in store.List(apiVersion, kind))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Obj.IsDeleting(rs))
            {
                continue;
            }

            var owned = Obj.OwnedBy(pods, rs).Where(p => Obj.Namespace(p) == Obj.Namespace(rs)).ToList();
            var active = owned.Where(Obj.IsPodActive).ToList();
            var desired = Obj.Int(rs, 1, "spec", "replicas");
            string? failure = null;
            if (active.Count < desired && PodValidation.InvalidImage(Obj.At(rs, "spec", "template")) is { } invalid)
            {
                // The pod would be refused by the API server's pod validation (a template may hold the " " that
                // image triggers replace; a pod may not): FailedCreate, as kube-controller-manager reports it.
                failure = $"Pod \"{Obj.Name(rs)}-{TemplateHash.RandomSuffix()}\" is invalid: {invalid}";
                if (_warned.Add($"{Obj.Uid(rs)}/{Obj.Generation(rs)}"))
                {
                    events.Warning(rs, component, "FailedCreate", "Error creating: " + failure);
                }
            }
            else if (active.Count < desired)
            {
                for (var i = active.Count; i < desired; i++)
                {
                    if (CreatePod(rs) is { } pod)
                    {
                        active.Add(pod);
                    }
                }
            }
            else if (active.Count > desired)
            {
                // controller.ActivePods ordering: unscheduled, then not running, then not ready, then the newest first.
                foreach (var pod in active.OrderBy(DeletionRank).ThenByDescending(p => Obj.Str(p, "metadata", "creationTimestamp"))
                             .Take(active.Count - (int)desired).ToList())
                {
                    if (OwnedPods.Delete(store, events, component, rs, pod, $"Deleted pod: {Obj.Name(pod)}"))
                    {
                        active.Remove(pod);
                    }
                }
            }

            wake = Min(wake, UpdateStatus(rs, active, failure));
        }

        return wake;
    }

    private static int DeletionRank(JsonObject pod)
    {
        if (Obj.Str(pod, "spec", "nodeName") is null)
        {
            return 0;
        }

        if (Obj.Str(pod, "status", "phase") != "Running")
        {
            return 1;
        }

        return Obj.IsPodReady(pod) ? 3 : 2;
    }

    private JsonObject? CreatePod(JsonObject rs)
    {
        var template = Obj.At(rs, "spec", "template") as JsonObject ?? new JsonObject();
        var metadata = Obj.At(template, "metadata") is JsonObject m ? Obj.Clone(m) : new JsonObject();
        var podName = $"{Obj.Name(rs)}-{TemplateHash.RandomSuffix()}";
        metadata["name"] = podName;
        metadata["generateName"] = Obj.Name(rs) + "-";
        var spec = Obj.At(template, "spec") is JsonObject s ? Obj.Clone(s) : new JsonObject();
        return OwnedPods.Create(store, events, component, rs, metadata, spec, $"Created pod: {podName}");
    }

    private TimeSpan? UpdateStatus(JsonObject rs, List<JsonObject> active, string? failure)
    {
        var now = time.GetUtcNow();
        var minReady = Obj.Int(rs, 0, "spec", "minReadySeconds");
        var labels = Obj.StringMap(rs, "spec", "template", "metadata", "labels");
        var ready = active.Count(Obj.IsPodReady);
        var available = active.Count(p => Obj.IsPodAvailable(p, minReady, now));
        var fullyLabeled = active.Count(p =>
        {
            var podLabels = Obj.StringMap(p, "metadata", "labels");
            return labels.All(l => podLabels.TryGetValue(l.Key, out var v) && v == l.Value);
        });

        var status = new JsonObject
        {
            ["replicas"] = active.Count,
            ["fullyLabeledReplicas"] = fullyLabeled,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["observedGeneration"] = Obj.Generation(rs),
        };
        // Go's omitempty: a zero count is absent from the real server's JSON.
        StatusFields.OmitZero(status, "fullyLabeledReplicas", "readyReplicas", "availableReplicas");
        var current = Obj.At(rs, "status") as JsonObject;
        if (current is not null && current["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (failure is not null)
        {
            Conditions.Set(status, Conditions.Make("ReplicaFailure", "True", "FailedCreate", failure, now));
            Conditions.Get(status, "ReplicaFailure")?.Remove("lastUpdateTime");
        }
        else if (active.Count == Obj.Int(rs, 1, "spec", "replicas"))
        {
            Conditions.Remove(status, "ReplicaFailure");
        }

        if (status["conditions"] is JsonArray { Count: 0 })
        {
            status.Remove("conditions");
        }

        if (Obj.Canonical(TemplateHash.Sorted(current)) != Obj.Canonical(TemplateHash.Sorted(status)))
        {
            rs["status"] = status;
            store.UpdateStatus(rs);
        }

        // Pods that are ready but not yet available become available when minReadySeconds have passed.
        return ready > available ? TimeSpan.FromMilliseconds(Math.Max(100, minReady * 1000 / 4)) : null;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
