using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// A change committed to the store (or a BOOKMARK). <see cref="Object"/> is the object after the change (for
/// DELETED: the last state, carrying the deletion's resourceVersion); <see cref="OldObject"/> the state before.
/// Each watcher receives its own copies: mutate them freely.
/// </summary>
public sealed record StoreEvent(string Type, ResourceType Resource, JsonObject Object, JsonObject? OldObject, long ResourceVersion)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";

    public string Name => Meta.Name(Object);

    public string? Namespace => Meta.Namespace(Object);

    internal StoreEvent Copy(string? type = null) =>
        this with { Type = type ?? Type, Object = Object.DeepClone().AsObject(), OldObject = OldObject?.DeepClone().AsObject() };
}
