using System.Text.Json;
using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Core.Tests.Release;

/// <summary>
/// The in-memory API server of the rollout tests, with what a release also needs: SelfSubjectAccessReviews answered
/// from <see cref="Denied"/>, an ImageStreamTag PUT that "imports" at once (the stream's status gets the image at the
/// tag's new generation), and a hook that plays the workload controller after a PATCH. Every write is recorded, in
/// order, in <see cref="Writes"/> (reviews are not writes).
/// </summary>
internal sealed class ReleaseKube(FakeKubeApi inner) : IKubeApi
{
    private readonly object _gate = new();
    private readonly List<string> _writes = [];
    private long _generation = 1;
    private int _inFlight;
    private (int Count, TaskCompletionSource Reached)? _inFlightWaiter;

    public FakeKubeApi Inner => inner;

    /// <summary>"verb plural" pairs the reviews deny, e.g. "patch deployments".</summary>
    public HashSet<string> Denied { get; } = [];

    public List<string> Reviews { get; } = [];

    /// <summary>When set, every review waits for it before it is answered (to see how many are in flight at once).</summary>
    public TaskCompletionSource? HoldReviews { get; set; }

    /// <summary>The most reviews there ever were in flight at once.</summary>
    public int MaxReviewsInFlight { get; private set; }

    /// <summary>Completes once <paramref name="count"/> reviews are in flight at the same time.</summary>
    public Task ReviewsInFlightReach(int count)
    {
        lock (_gate)
        {
            _inFlightWaiter = (count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (_inFlight >= count)
            {
                _inFlightWaiter.Value.Reached.SetResult();
            }

            return _inFlightWaiter.Value.Reached.Task;
        }
    }

    /// <summary>Every ImageStreamTag written, as sent.</summary>
    public List<ImageStreamTag> Tags { get; } = [];

    /// <summary>Called after a PATCH is recorded (the workload's name and the body): the test plays the controller.</summary>
    public Action<string, string>? OnPatch { get; set; }

    public IReadOnlyList<string> Writes
    {
        get
        {
            lock (_gate)
            {
                return _writes.ToList();
            }
        }
    }

    public string DefaultNamespace => inner.DefaultNamespace;

    public Task<T> GetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject => inner.GetAsync<T>(kind, ns, name, cancellationToken);

    public Task<T?> TryGetAsync<T>(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
        where T : KubeObject => inner.TryGetAsync<T>(kind, ns, name, cancellationToken);

    public Task<KubeList<T>> ListAsync<T>(ResourceKind kind, string? ns, ListOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => inner.ListAsync<T>(kind, ns, options, cancellationToken);

    public async Task<T> CreateAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        if (obj is SelfSubjectAccessReview review)
        {
            var a = review.Spec.ResourceAttributes!;
            var key = $"{a.Verb} {a.Resource}{(a.Subresource is null ? string.Empty : "/" + a.Subresource)}";
            lock (_gate)
            {
                Reviews.Add(key);
                MaxReviewsInFlight = Math.Max(MaxReviewsInFlight, ++_inFlight);
                if (_inFlightWaiter is { } waiter && _inFlight >= waiter.Count)
                {
                    waiter.Reached.TrySetResult();
                }
            }

            try
            {
                if (HoldReviews is { } hold)
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight--;
                }
            }

            review.Status = new SubjectAccessReviewStatus { Allowed = !Denied.Contains(key), Reason = Denied.Contains(key) ? null : "test" };
            return obj;
        }

        return Write(kind, obj, "POST");
    }

    public Task<T> ReplaceAsync<T>(ResourceKind kind, string? ns, T obj, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject => Task.FromResult(Write(kind, obj, "PUT"));

    public async Task<T> PatchAsync<T>(ResourceKind kind, string? ns, string name, PatchType type, string body, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubeObject
    {
        Record($"PATCH {kind.Plural}/{name}");
        OnPatch?.Invoke(name, body);
        return await inner.GetAsync<T>(kind, ns, name, cancellationToken);
    }

    public Task DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TResult> PostSubresourceAsync<TResult>(ResourceKind kind, string? ns, string name, string subresource, object body, CancellationToken cancellationToken)
        where TResult : KubeObject
    {
        Record($"POST {kind.Plural}/{name}/{subresource}");
        return inner.GetAsync<TResult>(kind, ns, name, cancellationToken);
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(ResourceKind kind, string? ns, WatchOptions options, CancellationToken cancellationToken)
        where T : KubeObject => inner.WatchAsync<T>(kind, ns, options, cancellationToken);

    public Task<bool> ServesAsync(string groupVersion, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>An image stream <paramref name="name"/> in the default namespace, its tag holding <paramref name="image"/> (or nothing).</summary>
    public void Stream(string name, string tag = "latest", string? image = null)
    {
        var status = image is null ? "{}" : $$$"""{"tags":[{"tag":"{{{tag}}}","items":[{"dockerImageReference":"{{{image}}}","image":"{{{image[(image.IndexOf('@') + 1)..]}}}","generation":1,"created":"2026-11-22T02:00:00Z"}]}]}""";
        inner.Apply(ResourceKind.ImageStreams, $$"""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{name}}","namespace":"{{DefaultNamespace}}","generation":1},"spec":{"tags":[]},"status":{{status}}}""");
    }

    private T Write<T>(ResourceKind kind, T obj, string verb)
        where T : KubeObject
    {
        Record($"{verb} {kind.Plural}/{obj.Metadata.Name}");
        if (obj is ImageStreamTag istag && kind == ResourceKind.ImageStreamTags)
        {
            lock (_gate)
            {
                Tags.Add(JsonSerializer.Deserialize<ImageStreamTag>(JsonSerializer.Serialize(istag, KubeJson.Options), KubeJson.Options)!);
            }

            // The import controller, at once: the tag's spec at a new generation and the image in its status.
            var (stream, tag) = (istag.Metadata.Name!.Split(':')[0], istag.Metadata.Name!.Split(':')[1]);
            var gen = Interlocked.Increment(ref _generation);
            var from = istag.Tag!.From!.Name!;
            inner.Apply(ResourceKind.ImageStreams, $$$"""
                {"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{{stream}}}","namespace":"{{{DefaultNamespace}}}","generation":{{{gen}}}},
                 "spec":{"tags":[{"name":"{{{tag}}}","from":{"kind":"DockerImage","name":"{{{from}}}"},"generation":{{{gen}}},"referencePolicy":{"type":"Source"}}]},
                 "status":{"tags":[{"tag":"{{{tag}}}","items":[{"dockerImageReference":"{{{from}}}","image":"{{{from[(from.IndexOf('@') + 1)..]}}}","generation":{{{gen}}},"created":"2026-11-22T03:00:00Z"}]}]}}
                """);
            istag.Tag.Generation = gen;
        }

        return obj;
    }

    private void Record(string line)
    {
        lock (_gate)
        {
            _writes.Add(line);
        }
    }
}
