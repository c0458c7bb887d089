using System.Globalization;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// The StatefulSet controller (kubernetes pkg/controller/statefulset/stateful_set_control.go): pods
/// <c>&lt;sts&gt;-&lt;ordinal&gt;</c> created in order (OrderedReady waits for each to be Running and Ready; Parallel
/// does not), ControllerRevisions with currentRevision/updateRevision, RollingUpdate from the highest ordinal down
/// to the partition one pod at a time, OnDelete (pods change only when deleted), and the status counts.
/// </summary>
public sealed class StatefulSetController(IControllerStore store, EventRecorder events, TimeProvider time) : IReconciler
{
    public const string RevisionLabel = "controller-revision-hash";
    private const string Component = "statefulset-controller";

    public string Name => "statefulset";

    public TimeSpan? Reconcile(CancellationToken cancellationToken)
    {
        var pods = store.List("v1", "Pod");
        foreach (var sts in store.List("apps/v1", "StatefulSet"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Obj.IsDeleting(sts))
            {
                Sync(sts, Obj.OwnedBy(pods, sts).ToList());
            }
        }

        return null;
    }

    private static int Ordinal(JsonObject sts, JsonObject pod) =>
        int.TryParse(Obj.Name(pod).AsSpan(Obj.Name(sts).Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : -1;

    private static bool RunningAndReady(JsonObject pod) => Obj.Str(pod, "status", "phase") == "Running" && Obj.IsPodReady(pod);

    private void Sync(JsonObject sts, List<JsonObject> owned)
    {
        var revisions = ControllerRevisions.Owned(store, sts);
        var update = ControllerRevisions.ForCurrentTemplate(store, sts, revisions);
        if (update is null)
        {
            return;
        }

        revisions = ControllerRevisions.Owned(store, sts);
        var updateRevision = Obj.Name(update);
        var currentRevision = Obj.Str(sts, "status", "currentRevision") is { } cr && revisions.Any(r => Obj.Name(r) == cr) ? cr : updateRevision;
        var replicas = (int)Obj.Int(sts, 1, "spec", "replicas");
        var rolling = Obj.Str(sts, "spec", "updateStrategy", "type") != "OnDelete";
        var partition = rolling ? (int)Obj.Int(sts, 0, "spec", "updateStrategy", "rollingUpdate", "partition") : 0;
        var ordered = Obj.Str(sts, "spec", "podManagementPolicy") != "Parallel";
        var pods = owned.Where(p => !Obj.IsDeleting(p)).ToDictionary(p => Ordinal(sts, p));

        var blocked = false;
        for (var ord = 0; ord < replicas && !blocked; ord++)
        {
            if (!pods.TryGetValue(ord, out var pod))
            {
                var revision = rolling && ord < partition ? currentRevision : updateRevision;
                if (CreatePod(sts, ord, revisions.First(r => Obj.Name(r) == revision)) is { } created)
                {
                    pods[ord] = created;
                }

                blocked = ordered;
            }
            else if (ordered && !RunningAndReady(pod))
            {
                blocked = true;
            }
        }

        // Scale down: the highest ordinal first, one at a time while the others are healthy (OrderedReady).
        foreach (var (ord, pod) in pods.Where(kv => kv.Key >= replicas || kv.Key < 0).OrderByDescending(kv => kv.Key).ToList())
        {
            if (blocked)
            {
                break;
            }

            DeletePod(sts, pod);
            pods.Remove(ord);
            blocked = ordered;
        }

        // kubernetes pkg/controller/statefulset/stateful_set_control.go: from the largest ordinal down to the partition,
        // delete the first pod not at the update revision, and stop at an unhealthy one ("wait for unhealthy Pods on
        // update"). OrderedReady never gets here with an unready pod (the monotonic check above); Parallel does, so a
        // pod stuck on a bad image is replaced once the template is rolled back to a revision it does not run.
        if (!blocked && rolling && pods.Count == replicas)
        {
            for (var ord = replicas - 1; ord >= partition; ord--)
            {
                if (!pods.TryGetValue(ord, out var pod))
                {
                    continue;
                }

                if (Obj.Str(pod, "metadata", "labels", RevisionLabel) != updateRevision)
                {
                    DeletePod(sts, pod);
                    pods.Remove(ord);
                    break;
                }

                if (!RunningAndReady(pod))
                {
                    break;
                }
            }
        }

        WriteStatus(sts, pods.Values.ToList(), currentRevision, updateRevision, rolling);
    }

    private JsonObject? CreatePod(JsonObject sts, int ordinal, JsonObject revision)
    {
        var template = Obj.At(revision, "data", "spec", "template") is JsonObject t ? Obj.Clone(t) : new JsonObject();
        template.Remove("$patch");
        var name = $"{Obj.Name(sts)}-{ordinal}";
        if (PodValidation.InvalidImage(template) is { } invalid)
        {
            events.Warning(sts, Component, "FailedCreate",
                $"create Pod {name} in StatefulSet {Obj.Name(sts)} failed error: Pod \"{name}\" is invalid: {invalid}");
            return null;
        }

        var metadata = Obj.At(template, "metadata") is JsonObject m ? Obj.Clone(m) : new JsonObject();
        var labels = Obj.Ensure(metadata, "labels");
        labels[RevisionLabel] = Obj.Name(revision);
        labels["statefulset.kubernetes.io/pod-name"] = name;
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        metadata["name"] = name;
        var spec = Obj.At(template, "spec") is JsonObject s ? Obj.Clone(s) : new JsonObject();
        spec["hostname"] = name;
        if (Obj.Str(sts, "spec", "serviceName") is { Length: > 0 } service)
        {
            spec["subdomain"] = service;
        }

        return OwnedPods.Create(store, events, Component, sts, metadata, spec, $"create Pod {name} in StatefulSet {Obj.Name(sts)} successful");
    }

    private void DeletePod(JsonObject sts, JsonObject pod) =>
        OwnedPods.Delete(store, events, Component, sts, pod, $"delete Pod {Obj.Name(pod)} in StatefulSet {Obj.Name(sts)} successful");

    private void WriteStatus(JsonObject sts, List<JsonObject> pods, string currentRevision, string updateRevision, bool rolling)
    {
        var now = time.GetUtcNow();
        var minReady = Obj.Int(sts, 0, "spec", "minReadySeconds");
        int Count(Func<JsonObject, bool> f) => pods.Count(f);
        var status = new JsonObject
        {
            ["observedGeneration"] = Obj.Generation(sts),
            ["replicas"] = pods.Count,
            ["readyReplicas"] = Count(Obj.IsPodReady),
            ["currentReplicas"] = Count(p => Obj.Str(p, "metadata", "labels", RevisionLabel) == currentRevision),
            ["updatedReplicas"] = Count(p => Obj.Str(p, "metadata", "labels", RevisionLabel) == updateRevision),
            ["currentRevision"] = currentRevision,
            ["updateRevision"] = updateRevision,
            ["collisionCount"] = Obj.Int(sts, 0, "status", "collisionCount"),
            ["availableReplicas"] = Count(p => Obj.IsPodAvailable(p, minReady, now)),
        };

        // completeRollingUpdate: once every pod runs the update revision and is ready, it becomes the current one.
        var replicas = pods.Count;
        var updated = Obj.Int(status, 0, "updatedReplicas");
        if ((!rolling || updated == replicas) && updated == replicas && Obj.Int(status, 0, "readyReplicas") == replicas)
        {
            status["currentReplicas"] = updated;
            status["currentRevision"] = updateRevision;
        }

        StatusFields.OmitZero(status, "readyReplicas", "currentReplicas", "updatedReplicas");
        if (StatusFields.Differs(Obj.At(sts, "status"), status))
        {
            sts["status"] = status;
            store.UpdateStatus(sts);
        }
    }
}
