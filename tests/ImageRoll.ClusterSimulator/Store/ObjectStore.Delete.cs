using System.Globalization;
using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Deletes the object. With finalizers (or a namespace's spec.finalizers) it only gets a deletionTimestamp and
    /// goes when the last finalizer is removed. <paramref name="propagationPolicy"/> "Orphan" strips the owner
    /// reference from dependents; "Background"/"Foreground" leave them to the garbage collector controller.
    /// Returns the deleted (or deleting) object.
    /// </summary>
    public JsonObject Delete(ResourceType type, string? ns, string name, string? propagationPolicy = null,
        string? preconditionUid = null, string? preconditionResourceVersion = null, bool dryRun = false)
    {
        lock (_gate)
        {
            ns = type.Namespaced ? ns : null;
            var old = Find(type, ns, name) ?? throw ApiException.NotFound(type, name);
            if ((preconditionUid is not null && preconditionUid != Meta.Uid(old))
                || (preconditionResourceVersion is not null && preconditionResourceVersion != Meta.ResourceVersion(old)))
            {
                var what = preconditionUid is not null ? $"UID in precondition: {preconditionUid}, UID in object meta: {Meta.Uid(old)}"
                    : $"ResourceVersion in precondition: {preconditionResourceVersion}, ResourceVersion in object meta: {Meta.ResourceVersion(old)}";
                throw new ApiException(409, "Conflict",
                    $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": Precondition failed: {what}", Status.DetailsFor(type, name));
            }

            if (dryRun)
            {
                return old.DeepClone().AsObject();
            }

            if (propagationPolicy == "Orphan" && Meta.Uid(old) is { } uid)
            {
                OrphanDependents(uid, ns);
            }

            if (Meta.HasFinalizers(old) || HasSpecFinalizers(type, old))
            {
                if (Meta.IsDeleting(old))
                {
                    return old.DeepClone().AsObject();
                }

                var deleting = old.DeepClone().AsObject();
                Meta.Of(deleting)["deletionTimestamp"] = Meta.Timestamp(Clock.GetUtcNow());
                Meta.Of(deleting)["deletionGracePeriodSeconds"] = 0;
                if (type == ResourceTypes.Namespaces)
                {
                    deleting["status"] = new JsonObject { ["phase"] = "Terminating" };
                }

                var rv = ++_resourceVersion;
                Meta.Of(deleting)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
                Table(type)[Key(ns, name)] = deleting;
                Publish(new StoreEvent(StoreEvent.Modified, type, deleting, old, rv));
                return deleting.DeepClone().AsObject();
            }

            return Remove(type, ns, name, old);
        }
    }

    /// <summary>Objects (any resource) whose ownerReferences name <paramref name="ownerUid"/>.</summary>
    public IReadOnlyList<(ResourceType Type, JsonObject Object)> Dependents(string ownerUid)
    {
        lock (_gate)
        {
            return _objects
                .SelectMany(t => t.Value.Values.Select(o => (t.Key, o)))
                .Where(x => Meta.OwnerReferences(x.o).Any(r => Meta.Str(r["uid"]) == ownerUid))
                .Select(x => (x.Key, x.o.DeepClone().AsObject()))
                .ToList();
        }
    }

    /// <summary>Whether an object with this uid exists (any resource).</summary>
    public bool Exists(string uid)
    {
        lock (_gate)
        {
            return _objects.Values.Any(t => t.Values.Any(o => Meta.Uid(o) == uid));
        }
    }

    private JsonObject Remove(ResourceType type, string? ns, string name, JsonObject last)
    {
        Table(type).Remove(Key(ns, name));
        var deleted = last.DeepClone().AsObject();
        var rv = ++_resourceVersion;
        Meta.Of(deleted)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Publish(new StoreEvent(StoreEvent.Deleted, type, deleted, null, rv));
        return deleted.DeepClone().AsObject();
    }

    private void OrphanDependents(string ownerUid, string? ns)
    {
        foreach (var (type, table) in _objects)
        {
            foreach (var (key, obj) in table.ToList())
            {
                if (obj["metadata"]?["ownerReferences"] is not JsonArray refs
                    || !refs.Any(r => Meta.Str(r?["uid"]) == ownerUid)
                    || (ns is not null && Meta.Namespace(obj) != ns))
                {
                    continue;
                }

                var updated = obj.DeepClone().AsObject();
                var kept = new JsonArray(refs.Where(r => Meta.Str(r?["uid"]) != ownerUid).Select(r => r!.DeepClone()).ToArray());
                if (kept.Count == 0)
                {
                    Meta.Of(updated).Remove("ownerReferences");
                }
                else
                {
                    Meta.Of(updated)["ownerReferences"] = kept;
                }

                var rv = ++_resourceVersion;
                Meta.Of(updated)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
                table[key] = updated;
                Publish(new StoreEvent(StoreEvent.Modified, type, updated, obj, rv));
            }
        }
    }
}
