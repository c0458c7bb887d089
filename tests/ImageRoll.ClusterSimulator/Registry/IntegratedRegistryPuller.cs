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
    private readonly IImagePuller inner;
    private readonly IntegratedRegistryRoute route;
    private readonly HttpClient http;
    private readonly RegistryImagePuller routed;

    public IntegratedRegistryPuller(IImagePuller inner, IntegratedRegistryRoute route, TimeSpan timeout)
    {
        this.inner = inner;
        this.route = route;
        http = new HttpClient { Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", route.Token);
        routed = new RegistryImagePuller(http);
    }

    /// <summary><paramref name="puller"/> itself when the cluster has no integrated registry.</summary>
    public static IImagePuller Wrap(IImagePuller puller, IntegratedRegistryRoute? route, TimeSpan timeout) =>
        route is null ? puller : new IntegratedRegistryPuller(puller, route, timeout);

    public PullResult? Cached(ImageReference reference) =>
        Routed(reference) is { } front ? Back(routed.Cached(front)) : inner.Cached(reference);

    public async Task<PullResult> PullAsync(ImageReference reference, CancellationToken cancellationToken, Func<string, (string User, string Password)?>? logins = null) =>
        Routed(reference) is { } front
            ? Back(await routed.PullAsync(front, cancellationToken).ConfigureAwait(false))!
            : await inner.PullAsync(reference, cancellationToken, logins).ConfigureAwait(false);

    public void Dispose() => http.Dispose();

    private ImageReference? Routed(ImageReference reference) =>
        reference.Domain == route.InternalHostname ? reference with { Domain = route.Host } : null;

    private PullResult? Back(PullResult? result) => result is null
        ? null
        : result with
        {
            ImageId = result.ImageId?.Replace(route.Host, route.InternalHostname, StringComparison.Ordinal),
            Error = result.Error?.Replace(route.Host, route.InternalHostname, StringComparison.Ordinal),
        };
}
