using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Workloads;

/// <summary>
/// Creating and deleting the pods a workload controller owns, as the real controllers' pod control does
/// (kubernetes pkg/controller/controller_utils.go RealPodControl): the pod lives in the owner's namespace with a
/// controller ownerReference, starts Pending, and each create/delete is recorded as an Event on the owner.
/// </summary>
internal static class OwnedPods
{
    /// <summary>Creates the pod from the caller's metadata (name and labels set) and spec; null if it was not created.</summary>
    public static JsonObject? Create(IControllerStore store, EventRecorder events, string component, JsonObject owner, JsonObject metadata, JsonObject spec, string createdMessage)
    {
        metadata["namespace"] = Obj.Namespace(owner);
        metadata["ownerReferences"] = new JsonArray(Obj.OwnerReference(owner));
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" },
        };
        var created = store.Create(pod);
        if (created is not null)
        {
            events.Normal(owner, component, "SuccessfulCreate", createdMessage);
        }

        return created;
    }

    /// <summary>Deletes the pod and records the owner's Event; false if it was already gone.</summary>
    public static bool Delete(IControllerStore store, EventRecorder events, string component, JsonObject owner, JsonObject pod, string deletedMessage)
    {
        if (!store.Delete("v1", "Pod", Obj.Namespace(pod), Obj.Name(pod)))
        {
            return false;
        }

        events.Normal(owner, component, "SuccessfulDelete", deletedMessage);
        return true;
    }
}
