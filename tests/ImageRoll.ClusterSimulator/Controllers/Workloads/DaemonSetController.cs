using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// The DaemonSet controller (kubernetes pkg/controller/daemon/daemon_controller.go, update.go) over
/// <see cref="ControllerTimings.NodeCount"/> nodes: one pod per node labelled with the template's
/// <c>controller-revision-hash</c> and <c>pod-template-generation</c>, RollingUpdate replacing at most maxUnavailable (default 1) unavailable-or-old
/// pods at a time, OnDelete, ControllerRevisions and the status counts kubectl's rollout status reads.
/// </summary>
public sealed class DaemonSetController(IControllerStore store, EventRecorder events, TimeProvider time, ControllerTimings timings)
    : IReconciler
{
    private const string Component = "daemonset-controller";

    public string Name => "daemonset";

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        var pods = store.List("v1", "Pod");
        foreach (var ds in store.List("apps/v1", "DaemonSet"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Obj.IsDeleting(ds))
            {
                Sync(ds, Obj.OwnedBy(pods, ds).Where(p => !Obj.IsDeleting(p)).ToList());
            }
        }

        return null;
    }

    private void Sync(JsonObject ds, List<JsonObject> pods)
    {
        var revisions = ControllerRevisions.Owned(store, ds);
        var update = ControllerRevisions.ForCurrentTemplate(store, ds, revisions);
        if (update is null)
        {
            return;
        }

        var hash = ControllerRevisions.Hash(update);
        var nodes = Enumerable.Range(0, Math.Max(1, timings.NodeCount)).Select(KubeletController.NodeName).ToList();
        var now = time.GetUtcNow();
        var minReady = Obj.Int(ds, 0, "spec", "minReadySeconds");
        bool IsNew(JsonObject p) => Obj.Str(p, "metadata", "labels", StatefulSetController.RevisionLabel) == hash;
        bool Available(JsonObject p) => Obj.IsPodAvailable(p, minReady, now);

        // Pods on nodes that do not exist, and duplicates on one node, are deleted (syncNodes).
        foreach (var group in pods.GroupBy(p => Obj.Str(p, "spec", "nodeName") ?? ""))
        {
            var extra = nodes.Contains(group.Key) ? group.OrderByDescending(IsNew).ThenByDescending(Available).Skip(1) : group;
            foreach (var p in extra.ToList())
            {
                Delete(ds, p);
                pods.Remove(p);
            }
        }

        foreach (var node in nodes.Where(n => pods.All(p => Obj.Str(p, "spec", "nodeName") != n)))
        {
            if (CreatePod(ds, node, hash) is { } created)
            {
                pods.Add(created);
            }
        }

        if (Obj.Str(ds, "spec", "updateStrategy", "type") != "OnDelete")
        {
            // update.go rollingUpdate (maxSurge 0): old pods that are unavailable go first, then old available ones
            // while fewer than maxUnavailable pods are unavailable.
            var maxUnavailable = IntOrPercent.Scaled(Obj.At(ds, "spec", "updateStrategy", "rollingUpdate", "maxUnavailable"), "1", nodes.Count, roundUp: false);
            maxUnavailable = Math.Max(1, maxUnavailable);
            var unavailable = pods.Count(p => !Available(p)) + (nodes.Count - pods.Count);
            foreach (var p in pods.Where(p => !IsNew(p)).OrderBy(Available).ToList())
            {
                if (!Available(p))
                {
                    Delete(ds, p);
                    pods.Remove(p);
                }
                else if (unavailable < maxUnavailable)
                {
                    Delete(ds, p);
                    pods.Remove(p);
                    unavailable++;
                }
            }
        }

        WriteStatus(ds, pods, nodes.Count, hash, minReady, now);
    }

    private JsonObject? CreatePod(JsonObject ds, string node, string hash)
    {
        var template = Obj.At(ds, "spec", "template") as JsonObject ?? new JsonObject();
        var metadata = Obj.At(template, "metadata") is JsonObject m ? Obj.Clone(m) : new JsonObject();
        var labels = Obj.Ensure(metadata, "labels");
        labels[StatefulSetController.RevisionLabel] = hash;
        // pkg/controller/daemon/util CreatePodTemplate: the template generation (not metadata.generation, which any
        // spec edit bumps), as the API server keeps it in the DaemonSet's annotation.
        labels["pod-template-generation"] = Obj.Annotation(ds, WorkloadDefaults.TemplateGenerationAnnotation) ?? "1";
        var name = $"{Obj.Name(ds)}-{TemplateHash.RandomSuffix()}";
        if (PodValidation.InvalidImage(template) is { } invalid)
        {
            events.Warning(ds, Component, "FailedCreate", $"Error creating: Pod \"{name}\" is invalid: {invalid}");
            return null;
        }

        metadata["name"] = name;
        metadata["generateName"] = Obj.Name(ds) + "-";
        var spec = Obj.At(template, "spec") is JsonObject s ? Obj.Clone(s) : new JsonObject();
        // The real controller pins the pod with required node affinity and the scheduler binds it; the result is this.
        spec["nodeName"] = node;
        return OwnedPods.Create(store, events, Component, ds, metadata, spec, $"Created pod: {name}");
    }

    private void Delete(JsonObject ds, JsonObject pod) =>
        OwnedPods.Delete(store, events, Component, ds, pod, $"Deleted pod: {Obj.Name(pod)}");

    private void WriteStatus(JsonObject ds, List<JsonObject> pods, int desired, string hash, long minReady, DateTimeOffset now)
    {
        var available = pods.Count(p => Obj.IsPodAvailable(p, minReady, now));
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = pods.Count,
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = desired,
            ["numberReady"] = pods.Count(Obj.IsPodReady),
            ["observedGeneration"] = Obj.Generation(ds),
            ["updatedNumberScheduled"] = pods.Count(p => Obj.Str(p, "metadata", "labels", StatefulSetController.RevisionLabel) == hash),
            ["numberAvailable"] = available,
            ["numberUnavailable"] = Math.Max(0, desired - available),
        };
        StatusFields.OmitZero(status, "updatedNumberScheduled", "numberAvailable", "numberUnavailable");
        if (StatusFields.Differs(Obj.At(ds, "status"), status))
        {
            ds["status"] = status;
            store.UpdateStatus(ds);
        }
    }
}
