using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Controllers.Core;

/// <summary>
/// <see cref="IControllerStore"/> over the simulator's <see cref="ObjectStore"/>: a 409 or 404 answer becomes null,
/// which the level-triggered controllers treat as "try again on the next pass", as a real controller requeues.
/// </summary>
public sealed class ObjectStoreAdapter(ObjectStore store) : IControllerStore
{
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) =>
        store.List(Type(apiVersion, kind), ns).Items;

    public JsonObject? Get(string apiVersion, string kind, string ns, string name) => store.Get(Type(apiVersion, kind), ns, name);

    public JsonObject? Create(JsonObject obj) =>
        Try(() => store.Create(Type(obj), Meta.Namespace(obj), obj));

    public JsonObject? Update(JsonObject obj) => Try(() => store.Update(Type(obj), Meta.Namespace(obj), obj));

    public JsonObject? UpdateStatus(JsonObject obj) => Try(() => store.UpdateStatus(Type(obj), Meta.Namespace(obj), obj));

    public bool Delete(string apiVersion, string kind, string ns, string name) =>
        Try(() => store.Delete(Type(apiVersion, kind), ns, name, "Background")) is not null;

    private static ResourceType Type(JsonObject obj) =>
        Type(Meta.Str(obj["apiVersion"]) ?? "", Meta.Str(obj["kind"]) ?? "");

    private static ResourceType Type(string apiVersion, string kind) =>
        ResourceTypes.FindByKind(apiVersion, kind) ?? throw new ArgumentException($"the simulator does not serve {kind} ({apiVersion})");

    private static JsonObject? Try(Func<JsonObject> write)
    {
        try
        {
            return write();
        }
        catch (ApiException e) when (e.Code is 404 or 409 or 422)
        {
            return null;
        }
    }
}
