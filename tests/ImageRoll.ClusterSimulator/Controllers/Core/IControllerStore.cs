using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// What the workload controllers need from the simulated API server's store: objects are JSON (as on the wire),
/// identified by their own <c>apiVersion</c>/<c>kind</c>. Writes are optimistic like the real API: an update whose
/// <c>metadata.resourceVersion</c> is stale returns null and the controller tries again on its next pass, exactly as
/// a real controller requeues on a 409.
/// </summary>
public interface IControllerStore
{
    /// <summary>Deep copies of the objects of a kind, in one namespace or all.</summary>
    IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null);

    JsonObject? Get(string apiVersion, string kind, string ns, string name);

    /// <summary>Creates the object (uid, resourceVersion, creationTimestamp, generation are set); null if it exists.</summary>
    JsonObject? Create(JsonObject obj);

    /// <summary>Writes spec and metadata (not status); null on a stale resourceVersion or a missing object.</summary>
    JsonObject? Update(JsonObject obj);

    /// <summary>Writes status only (the status subresource); null on a stale resourceVersion or a missing object.</summary>
    JsonObject? UpdateStatus(JsonObject obj);

    bool Delete(string apiVersion, string kind, string ns, string name);
}
