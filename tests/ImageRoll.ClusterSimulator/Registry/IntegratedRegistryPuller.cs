using System.Net.Http.Headers;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// The node's pulls of <c>INTERNAL_HOST/NS/STREAM@DIGEST</c> (what the trigger writes for an image pushed to the
/// integrated registry) go to the registry front with the node's token; results and errors name the image as the pod
/// does. Every other image goes to <paramref name="inner"/> unchanged.
/// </summary>
public sealed class IntegratedRegistryPuller : IImagePuller, IDisposable
{
    private readonly IImagePuller _inner;
    private readonly IntegratedRegistryRoute _route;
    private readonly HttpClient _http;
    private readonly RegistryImagePuller _routed;

    public IntegratedRegistryPuller(IImagePuller inner, IntegratedRegistryRoute route, TimeSpan timeout)
    {
        _inner = inner;
        _route = route;
        _http = new HttpClient { Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", route.Token);
        _routed = new RegistryImagePuller(_http);
    }

    /// <summary><paramref name="puller"/> itself when the cluster has no integrated registry.</summary>
    public static IImagePuller Wrap(IImagePuller puller, IntegratedRegistryRoute? route, TimeSpan timeout) =>
        route is null ? puller : new IntegratedRegistryPuller(puller, route, timeout);

    public PullResult? Cached(ImageReference reference) =>
        Routed(reference) is { } front ? Back(_routed.Cached(front)) : _inner.Cached(reference);

    public async Task<PullResult> PullAsync(ImageReference reference, CancellationToken cancellationToken, Func<string, (string User, string Password)?>? logins = null) =>
        Routed(reference) is { } front
            ? Back(await _routed.PullAsync(front, cancellationToken).ConfigureAwait(false))!
            : await _inner.PullAsync(reference, cancellationToken, logins).ConfigureAwait(false);

    public void Dispose() => _http.Dispose();

    private ImageReference? Routed(ImageReference reference) =>
        reference.Domain == _route.InternalHostname ? reference with { Domain = _route.Host } : null;

    private PullResult? Back(PullResult? result) => result is null
        ? null
        : result with
        {
            ImageId = result.ImageId?.Replace(_route.Host, _route.InternalHostname, StringComparison.Ordinal),
            Error = result.Error?.Replace(_route.Host, _route.InternalHostname, StringComparison.Ordinal),
        };
}
