using System.Runtime.CompilerServices;
using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Core.Tests.OpenShift;

/// <summary>An in-memory IKubeApi for engine tests: objects as JSON by (plural, name); discovery from a set.</summary>
internal sealed class FakeKubeApi : IKubeApi
{
    public Dictionary<(string Plural, string Name), string> Objects { get; } = [];

    public HashSet<string> Served { get; } = ["v1", "apps/v1", "image.openshift.io/v1", "apps.openshift.io/v1"];

    public List<string> Writes { get; } = [];

    public string DefaultNamespace => "default";

    public Task<T> GetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject =>
        Objects.TryGetValue((kind.Plural, name), out var json)
            ? Task.FromResult(JsonSerializer.Deserialize<T>(json, KubeJson.Options)!)
            : throw new KubeApiException("IR3104", System.Net.HttpStatusCode.NotFound, null, $"{kind.QualifiedName} \"{name}\" not found", null);

    public Task<T?> TryGetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject =>
        Task.FromResult(Objects.TryGetValue((kind.Plural, name), out var json) ? JsonSerializer.Deserialize<T>(json, KubeJson.Options) : null);

    public Task<KubeList<T>> ListAsync<T>(ResourceKind kind, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : KubeObject =>
        Task.FromResult(new KubeList<T> { Items = Objects.Where(o => o.Key.Plural == kind.Plural).Select(o => JsonSerializer.Deserialize<T>(o.Value, KubeJson.Options)!).ToList() });

    public Task<T> CreateAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => Write("POST", kind, obj);

    public Task<T> ReplaceAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => Write("PUT", kind, obj);

    public Task<T> PatchAsync<T>(ResourceKind kind, string? ns, string name, PatchType type, string body, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        Writes.Add($"PATCH {kind.Plural}/{name} {body}");
        return GetAsync<T>(kind, ns, name, cancellationToken);
    }

    public Task DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TResult> PostSubresourceAsync<TResult>(ResourceKind kind, string? ns, string name, string subresource, object body, CancellationToken cancellationToken)
        where TResult : KubeObject
    {
        Writes.Add($"POST {kind.Plural}/{name}/{subresource} {JsonSerializer.Serialize(body, body.GetType(), KubeJson.Options)}");
        return GetAsync<TResult>(kind, ns, name, cancellationToken);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceKind kind, string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : KubeObject
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public Task<bool> ServesAsync(string groupVersion, CancellationToken cancellationToken) => Task.FromResult(Served.Contains(groupVersion));

    public void Add(string plural, string json)
    {
        var name = JsonDocument.Parse(json).RootElement.GetProperty("metadata").GetProperty("name").GetString()!;
        Objects[(plural, name)] = json;
    }

    private Task<T> Write<T>(string verb, ResourceKind kind, T obj)
        where T : KubeObject
    {
        var json = JsonSerializer.Serialize(obj, obj.GetType(), KubeJson.Options);
        Writes.Add($"{verb} {kind.Plural}/{obj.Metadata.Name}");
        Objects[(kind.Plural, obj.Metadata.Name!)] = json;
        return Task.FromResult(obj);
    }
}
