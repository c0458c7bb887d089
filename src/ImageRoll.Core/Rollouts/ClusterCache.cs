using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Rollouts;

/// <summary>The follower's picture of the objects it watches, by resource and namespace; touched only by its loop.</summary>
internal sealed class ClusterCache
{
    private readonly Dictionary<(string Resource, string Ns), Dictionary<string, KubeObject>> _objects = [];

    public void Reset(ResourceKind kind, string ns, IEnumerable<KubeObject> items)
    {
        var map = Map(kind, ns);
        map.Clear();
        foreach (var item in items)
        {
            map[item.Metadata.Name ?? string.Empty] = item;
        }
    }

    public void Upsert(ResourceKind kind, string ns, KubeObject obj) => Map(kind, ns)[obj.Metadata.Name ?? string.Empty] = obj;

    public void Remove(ResourceKind kind, string ns, KubeObject obj) => Map(kind, ns).Remove(obj.Metadata.Name ?? string.Empty);

    public T? Get<T>(ResourceKind kind, string ns, string name)
        where T : KubeObject => Map(kind, ns).TryGetValue(name, out var o) ? o as T : null;

    public IEnumerable<T> All<T>(ResourceKind kind, string ns)
        where T : KubeObject => Map(kind, ns).Values.OfType<T>();

    private Dictionary<string, KubeObject> Map(ResourceKind kind, string ns)
    {
        if (!_objects.TryGetValue((kind.QualifiedName, ns), out var map))
        {
            map = new Dictionary<string, KubeObject>(StringComparer.Ordinal);
            _objects[(kind.QualifiedName, ns)] = map;
        }

        return map;
    }
}
