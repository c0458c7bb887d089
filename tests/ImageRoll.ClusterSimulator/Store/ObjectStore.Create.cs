using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

public sealed partial class ObjectStore
{
    /// <summary>Creates the object in <paramref name="ns"/> (ignored for cluster-scoped resources).</summary>
    public JsonObject Create(ResourceType type, string? ns, JsonObject obj, bool dryRun = false)
    {
        var created = obj.DeepClone().AsObject();
        var metadata = Meta.Of(created);
        ns = type.Namespaced ? ns ?? Meta.Namespace(created) : null;
        if (type.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw ApiException.BadRequest("the server could not find the requested resource");
        }

        lock (_gate)
        {
            var name = Meta.Name(created);
            if (name.Length == 0 && Meta.Str(metadata["generateName"]) is { Length: > 0 } prefix)
            {
                do
                {
                    name = prefix + RandomSuffix();
                }
                while (Find(type, ns, name) is not null);
            }

            Validation.ValidateName(type, name);
            if (type.Namespaced)
            {
                var nsObj = Find(ResourceTypes.Namespaces, null, ns!) ?? throw ApiException.NamespaceNotFound(ns!);
                if (Meta.IsDeleting(nsObj))
                {
                    throw new ApiException(403, "Forbidden",
                        $"{type.GroupResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                        Status.DetailsFor(type, name));
                }
            }

            if (Find(type, ns, name) is not null)
            {
                throw ApiException.AlreadyExists(type, name);
            }

            created["apiVersion"] = type.ApiVersion;
            created["kind"] = type.Kind;
            metadata["name"] = name;
            if (type.Namespaced)
            {
                metadata["namespace"] = ns;
            }
            else
            {
                metadata.Remove("namespace");
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Meta.Timestamp(Clock.GetUtcNow());
            metadata.Remove("deletionTimestamp");
            metadata.Remove("managedFields");
            if (type.TracksGeneration)
            {
                metadata["generation"] = 1;
            }
            else
            {
                metadata.Remove("generation");
            }

            if (type.HasStatusSubresource && type != ResourceTypes.Namespaces)
            {
                // Real strategies' PrepareForCreate reset status (e.g. pkg/registry/apps/deployment/strategy.go).
                created["status"] = new JsonObject();
            }

            if (Strategies.TryGetValue(type, out var strategy))
            {
                strategy.PrepareForCreate(created);
            }

            if (dryRun)
            {
                return created;
            }

            var rv = ++_resourceVersion;
            metadata["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Table(type)[Key(ns, name)] = created;
            Publish(new StoreEvent(StoreEvent.Added, type, created, null, rv));
            return created.DeepClone().AsObject();
        }
    }
}
