using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// The simulated cluster's storage: objects as <see cref="JsonObject"/> keyed by resource/namespace/name, one global
/// resourceVersion, a bounded event history for watches. All writes are serialised; callers get copies.
/// Semantics follow k8s.io/apiserver pkg/registry/generic/registry/store.go.
/// </summary>
public sealed partial class ObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<ResourceType, SortedDictionary<string, JsonObject>> _objects = [];
    private long _resourceVersion = 1;

    public ObjectStore(TimeProvider? clock = null, int historyCapacity = 2000)
    {
        Clock = clock ?? TimeProvider.System;
        HistoryCapacity = historyCapacity;
        Strategies[ResourceTypes.Namespaces] = new NamespaceStrategy();
        var defaults = new Defaulting.Defaults();
        foreach (var type in ResourceTypes.All.Where(Defaulting.Defaults.Covers))
        {
            Strategies[type] = defaults;
        }

        foreach (var (type, strategy) in Controllers.Core.WorkloadDefaults.All)
        {
            Strategies[type] = strategy;
        }
    }

    public TimeProvider Clock { get; }

    /// <summary>Per-resource server logic (ImageStream defaults and so on); replace entries to refine behaviour.</summary>
    public Dictionary<ResourceType, IObjectStrategy> Strategies { get; } = [];

    /// <summary>The latest committed resourceVersion.</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>A copy of the object, or null.</summary>
    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return Find(type, ns, name)?.DeepClone().AsObject();
        }
    }

    /// <summary>A copy of the object, or a 404 <see cref="ApiException"/>.</summary>
    public JsonObject GetRequired(ResourceType type, string? ns, string name) =>
        Get(type, ns, name) ?? throw ApiException.NotFound(type, name);

    /// <summary>Copies of the matching objects (sorted by namespace, then name) and the list's resourceVersion.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(
        ResourceType type, string? ns, LabelSelector? labels = null, FieldSelector? fields = null)
    {
        lock (_gate)
        {
            var items = Table(type).Values
                .Where(o => ns is null || Meta.Namespace(o) == ns)
                .Where(o => labels is null || labels.Matches(o))
                .Where(o => fields is null || fields.Matches(o))
                .Select(o => o.DeepClone().AsObject())
                .ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>
    /// Replaces the object (PUT). A <c>metadata.resourceVersion</c> in <paramref name="obj"/> is a precondition (409
    /// Conflict when stale). For resources with a status subresource the status is kept as stored.
    /// </summary>
    public JsonObject Update(ResourceType type, string? ns, JsonObject obj, bool dryRun = false) =>
        Write(type, ns, Meta.Name(obj), _ => obj.DeepClone().AsObject(), WriteScope.Main, dryRun).Object;

    /// <summary>Replaces only the status (PUT .../status); metadata and spec changes are ignored.</summary>
    public JsonObject UpdateStatus(ResourceType type, string? ns, JsonObject obj, bool dryRun = false) =>
        Write(type, ns, Meta.Name(obj), _ => obj.DeepClone().AsObject(), WriteScope.Status, dryRun).Object;

    /// <summary>
    /// Read-modify-write under the store's lock: <paramref name="mutate"/> gets a copy of the current object and
    /// changes it in place (no conflicts possible). Nothing is written when nothing changed. Returns the result.
    /// </summary>
    public JsonObject Modify(ResourceType type, string? ns, string name, Action<JsonObject> mutate, WriteScope scope = WriteScope.Main) =>
        Write(type, ns, name, current => { mutate(current); return current; }, scope).Object;

    /// <summary>
    /// Computes the new state from the current one (a patch) and writes it with the same rules as
    /// <see cref="Update"/>; <c>Changed</c> is false when the result equals the stored object (resourceVersion kept).
    /// </summary>
    public (JsonObject Object, bool Changed) Write(
        ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> compute, WriteScope scope = WriteScope.Main, bool dryRun = false)
    {
        lock (_gate)
        {
            ns = type.Namespaced ? ns : null;
            var old = Find(type, ns, name) ?? throw ApiException.NotFound(type, name);
            var desired = compute(old.DeepClone().AsObject());
            var expectedRv = Meta.ResourceVersion(desired);
            if (!string.IsNullOrEmpty(expectedRv) && expectedRv != Meta.ResourceVersion(old))
            {
                throw ApiException.Conflict(type, name);
            }

            if (Meta.Name(desired) is { Length: > 0 } newName && newName != name)
            {
                throw ApiException.BadRequest($"the name of the object ({newName}) does not match the name on the URL ({name})");
            }

            var updated = scope switch
            {
                WriteScope.Status => StatusUpdate(old, desired),
                WriteScope.Main => MainUpdate(type, old, desired, keepStatus: type.HasStatusSubresource),
                _ => MainUpdate(type, old, desired, keepStatus: false),
            };
            if (type.TracksGeneration && !JsonNode.DeepEquals(old["spec"], updated["spec"]))
            {
                Meta.Of(updated)["generation"] = Meta.Generation(old) + 1;
            }

            if (Strategies.TryGetValue(type, out var strategy))
            {
                strategy.PrepareForUpdate(updated, old, scope);
                if (type.TracksGeneration && JsonNode.DeepEquals(old["spec"], updated["spec"]))
                {
                    // The strategy's defaulting made the spec equal again: no spec change, no new generation.
                    Meta.Of(updated)["generation"] = Meta.Generation(old);
                }
            }

            Meta.Of(updated)["resourceVersion"] = Meta.ResourceVersion(old);
            if (JsonNode.DeepEquals(old, updated))
            {
                return (old.DeepClone().AsObject(), false);
            }

            if (dryRun)
            {
                return (updated, true);
            }

            if (Meta.IsDeleting(updated) && !Meta.HasFinalizers(updated) && !HasSpecFinalizers(type, updated))
            {
                return (Remove(type, ns, name, updated), true);
            }

            var rv = ++_resourceVersion;
            Meta.Of(updated)["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Table(type)[Key(ns, name)] = updated;
            Publish(new StoreEvent(StoreEvent.Modified, type, updated, old, rv));
            return (updated.DeepClone().AsObject(), true);
        }
    }

    private static JsonObject MainUpdate(ResourceType type, JsonObject old, JsonObject desired, bool keepStatus)
    {
        var updated = desired.DeepClone().AsObject();
        updated["apiVersion"] = type.ApiVersion;
        updated["kind"] = type.Kind;
        var metadata = Meta.Of(updated);
        var oldMeta = Meta.Of(old);
        foreach (var key in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            metadata.Remove(key);
            if (oldMeta[key] is { } value)
            {
                metadata[key] = value.DeepClone();
            }
        }

        metadata.Remove("managedFields");
        if (keepStatus)
        {
            updated.Remove("status");
            if (old["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
        }

        return updated;
    }

    private static JsonObject StatusUpdate(JsonObject old, JsonObject desired)
    {
        var updated = old.DeepClone().AsObject();
        updated.Remove("status");
        if (desired["status"] is { } status)
        {
            updated["status"] = status.DeepClone();
        }

        return updated;
    }

    private static bool HasSpecFinalizers(ResourceType type, JsonObject obj) =>
        type == ResourceTypes.Namespaces && obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    private JsonObject? Find(ResourceType type, string? ns, string name) =>
        Table(type).TryGetValue(Key(type.Namespaced ? ns : null, name), out var obj) ? obj : null;

    private SortedDictionary<string, JsonObject> Table(ResourceType type)
    {
        if (!_objects.TryGetValue(type, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[type] = table;
        }

        return table;
    }

    private static string Key(string? ns, string name) => (ns ?? "") + "/" + name;

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }
}
