using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.OpenShift;

/// <summary>
/// Waits on one object with a watch (never a poll): GET, then watch from its resourceVersion until
/// <c>done</c> says so (it may throw to fail fast). On the deadline <c>onTimeout</c> builds the error from the last
/// object seen.
/// </summary>
internal static class ObjectWatch
{
    public static async Task<T> UntilAsync<T>(
        IKubeApi api,
        ResourceKind kind,
        string ns,
        string name,
        Func<T?, bool> done,
        TimeSpan timeout,
        Func<T?, Exception> onTimeout,
        CancellationToken cancellationToken)
        where T : KubeObject
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        T? last = default;
        try
        {
            last = await api.TryGetAsync<T>(kind, ns, name, deadline.Token).ConfigureAwait(false);
            if (done(last))
            {
                return last!;
            }

            var rv = last?.Metadata.ResourceVersion;
            if (rv is null)
            {
                var list = await api.ListAsync<T>(kind, ns, new ListOptions(FieldSelector: $"metadata.name={name}"), deadline.Token).ConfigureAwait(false);
                rv = list.Metadata.ResourceVersion;
            }

            var options = new WatchOptions(ResourceVersion: rv, FieldSelector: $"metadata.name={name}");
            await foreach (var ev in api.WatchAsync<T>(kind, ns, options, deadline.Token).ConfigureAwait(false))
            {
                if (ev.Type is WatchEventType.Added or WatchEventType.Modified && ev.Object is { } obj && obj.Metadata.Name == name)
                {
                    last = obj;
                    if (done(obj))
                    {
                        return obj;
                    }
                }
                else if (ev.Type == WatchEventType.Deleted && ev.Object?.Metadata.Name == name)
                {
                    last = default;
                    if (done(default))
                    {
                        return ev.Object;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw onTimeout(last);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw onTimeout(last);
    }

    public static bool HasStatus(Exception ex, params int[] codes) =>
        ex is KubeApiException k && codes.Contains((int)k.StatusCode);
}
