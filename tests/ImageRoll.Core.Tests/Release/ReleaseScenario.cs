using ImageRoll.Core.Tests.Registry;
using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Images;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;

namespace ImageRoll.Core.Tests.Release;

/// <summary>
/// One release over fakes: the deployment <c>shop/web</c> of the rollout tests (container web, trigger on
/// web:latest), the stream <c>web</c>, and an image in a fake registry. <see cref="Complete"/> / <see cref="Stall"/>
/// say what the "controller" does after ImageRoll's patch; time is a manual clock.
/// </summary>
internal sealed class ReleaseScenario : IDisposable
{
    public const string Repository = "shop/web";
    public const string RegistryHost = "registry.example.com";
    public static readonly string Digest = "sha256:" + new string('3', 64);
    public static readonly string DigestReference = $"{RegistryHost}/{Repository}@{Digest}";

    private readonly RegistrySession _session;

    public ReleaseScenario(params string[] insecureRegistries)
    {
        Kube = new ReleaseKube(new FakeKubeApi());
        Kube.Stream("web");
        Kube.Inner.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3));
        var manifest = System.Text.Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + new string('1', 64) + "\",\"size\":2},\"layers\":[]}");
        _session = new RegistrySession(new RegistryClientOptions { HandlerFactory = _ => Registry, Delay = (_, _) => Task.CompletedTask, InsecureRegistries = insecureRegistries });

        // Seeded through the registry API (as a push would), then forgotten: the tests look at what the release sends.
        var digest = _session.For(RegistryHost).PutManifestAsync(Repository, "1.0", manifest, MediaTypes.OciManifest, CancellationToken.None).GetAwaiter().GetResult();
        Registry.Requests.Clear();
        PushedDigestReference = $"{RegistryHost}/{Repository}@{digest}";
        Complete();
    }

    public ReleaseKube Kube { get; }

    public FakeRegistry Registry { get; } = new();

    public ManualTimeProvider Clock { get; } = new();

    public RecordingObserver Observer { get; } = new();

    /// <summary>The digest reference of the image tagged 1.0 in the fake registry.</summary>
    public string PushedDigestReference { get; }

    public ReleaseServices Services => new() { Kube = Kube, Registry = _session, Time = Clock };

    public ReleaseOptions Options(TriggerMode mode = TriggerMode.Patch) => new()
    {
        Image = ImageReference.Parse($"{RegistryHost}/{Repository}:1.0"),
        StreamTag = StreamTagRef.Parse("web:latest"),
        Trigger = mode,
        Timeout = TimeSpan.FromMinutes(10),
    };

    /// <summary>After the patch the deployment is rolled out on the new image.</summary>
    public void Complete() => Kube.OnPatch = (_, _) => Kube.Inner.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3, generation: 5).Replace(Shapes.NewImage, PushedDigestReference, StringComparison.Ordinal));

    /// <summary>After the patch the deployment stays at one of three new replicas, for ever.</summary>
    public void Stall() => Kube.OnPatch = (_, _) => Kube.Inner.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 1, available: 3, total: 4, generation: 5).Replace(Shapes.NewImage, PushedDigestReference, StringComparison.Ordinal));

    public Task<ReleaseResult> RunAsync(ReleaseOptions options, CancellationToken? cancellationToken = null) =>
        new ReleaseRunner(Services).RunAsync(options, Observer, cancellationToken ?? TestContext.Current.CancellationToken);

    /// <summary>Requests that change the registry (uploads, manifest PUTs).</summary>
    public IEnumerable<SeenRequest> RegistryWrites => Registry.Requests.Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE");

    public void Dispose() => _session.Dispose();
}
