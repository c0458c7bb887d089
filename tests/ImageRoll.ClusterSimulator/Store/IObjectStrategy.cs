using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// Per-resource server logic run inside the store's write (the real registry "strategy": PrepareForCreate,
/// PrepareForUpdate, validation). Throw <see cref="ApiException"/> to refuse the write.
/// </summary>
public interface IObjectStrategy
{
    /// <summary>Called on a copy of the object being created, after metadata defaults are set.</summary>
    void PrepareForCreate(JsonObject obj);

    /// <summary>Called on the new state of an update (main endpoint, status, or both), with the stored old state.</summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old, WriteScope scope);
}
