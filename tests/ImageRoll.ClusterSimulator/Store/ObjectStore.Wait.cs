using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Waits (on the store's own events, no polling) until the object satisfies <paramref name="condition"/>
    /// (null when absent) and returns its last state; throws <see cref="TimeoutException"/> naming the object and
    /// its last state after <paramref name="timeout"/>. For tests: "wait on a condition with a deadline".
    /// </summary>
    public async Task<JsonObject?> WaitForAsync(ResourceType type, string? ns, string name, Func<JsonObject?, bool> condition,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var watch = Watch(new WatchRequest
        {
            Types = [type],
            Namespace = type.Namespaced ? ns : null,
            FieldSelector = FieldSelector.Parse($"metadata.name={name}", type),
            ResourceVersion = ResourceVersion,
        });
        var current = Get(type, ns, name);
        if (condition(current))
        {
            return current;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await foreach (var e in watch.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                current = e.Type == StoreEvent.Deleted ? null : e.Object;
                if (condition(current))
                {
                    return current;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Fall through to the timeout below.
        }

        throw new TimeoutException(
            $"{type.GroupResource} {ns}/{name} did not reach the expected state within {timeout.TotalSeconds:0.#}s; last state: {current?.ToJsonString() ?? "(absent)"}");
    }
}
