using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>
/// The release engine in-process against one simulated cluster (its kubeconfig, as a face would load it) and the
/// real registries; the plain-HTTP test registry is named insecure, as a user would with --insecure-registry.
/// </summary>
public sealed class ReleaseHarness : IAsyncDisposable
{
    private readonly KubeApiClient _kube;
    private readonly RegistrySession _registry;

    private ReleaseHarness(OpenShiftSim sim, IRegistryCredentialProvider? credentials)
    {
        Sim = sim;
        _kube = KubeClientFactory.Create(new KubeConnectionOptions(sim.Kubeconfig, null, null), _ => null);
        _registry = new RegistrySession(new RegistryClientOptions
        {
            InsecureRegistries = [TestServices.Registry],
            CaBundlePath = credentials is null ? null : TestServices.RegistryCa,
            Credentials = credentials,
        });
    }

    public OpenShiftSim Sim { get; }

    /// <summary>The Docker daemon a Dockerfile source builds with (null: none offered).</summary>
    public Func<ImageRoll.Docker.IDockerEngine>? Docker { get; set; }

    public ReleaseServices Services => new() { Kube = _kube, Registry = _registry, Docker = Docker };

    public static async Task<ReleaseHarness> StartAsync(IRegistryCredentialProvider? credentials = null, params string[] disabledControllers) =>
        new(await OpenShiftSim.StartAsync(disabledControllers), credentials);

    public async Task<(ReleaseResult Result, RecordingObserver Observer)> ReleaseAsync(ReleaseOptions options, CancellationToken? cancellationToken = null)
    {
        var observer = new RecordingObserver();
        var result = await new ReleaseRunner(Services).RunAsync(options, observer, cancellationToken ?? TestContext.Current.CancellationToken);
        return (result, observer);
    }

    public JsonObject Stream(string name = "example") => Sim.Create(ResourceTypes.ImageStreams,
        $$$"""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"{{{name}}}"}}""");

    /// <summary>The tags of a repository in the real registry (empty when the repository does not exist).</summary>
    public static async Task<List<string>> TagsAsync(string repository)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://{TestServices.Registry}/v2/{repository}/tags/list", TestContext.Current.CancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        return doc["tags"]?.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>name -> resourceVersion of every stored object of every resource, in every namespace.</summary>
    public Dictionary<string, string> Snapshot()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in ResourceTypes.All.Where(t => !t.Virtual))
        {
            foreach (var item in Sim.Store.List(type, null).Items)
            {
                all[$"{type.Plural}/{(string?)item["metadata"]!["namespace"]}/{(string?)item["metadata"]!["name"]}"] = (string)item["metadata"]!["resourceVersion"]!;
            }
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        _kube.Dispose();
        _registry.Dispose();
        await Sim.DisposeAsync();
    }
}
