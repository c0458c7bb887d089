using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Release;
using ImageRoll.Kubernetes;
using ImageRoll.Registry;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// One simulated cluster for the OpenShift-native tests: its own folder, the admin kubeconfig, namespaces, the
/// shipped samples/rbac files applied with the real kubectl, service-account tokens from the real
/// <c>kubectl create token</c>, and the release engine run with any kubeconfig, as a face would load it.
/// </summary>
public sealed class NativeCluster : IAsyncDisposable
{
    private NativeCluster(SimulatedCluster cluster, string dir)
    {
        Cluster = cluster;
        Dir = dir;
        AdminKubeconfig = Path.Combine(dir, "admin.kubeconfig");
        cluster.WriteKubeconfig(AdminKubeconfig);
    }

    public SimulatedCluster Cluster { get; }

    public string Dir { get; }

    public string AdminKubeconfig { get; }

    public ObjectStore Store => Cluster.Store;

    public static async Task<NativeCluster> StartAsync(SimulatorOptions? options = null)
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-native-").FullName;
        var cluster = await SimulatedCluster.StartAsync(options ?? new SimulatorOptions(), TestContext.Current.CancellationToken);
        return new NativeCluster(cluster, dir);
    }

    public void Namespace(string name) =>
        Store.Create(ResourceTypes.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });

    public JsonObject Create(ResourceType type, string? ns, JsonObject obj) => Store.Create(type, ns, obj);

    public JsonObject Get(ResourceType type, string ns, string name) => Store.GetRequired(type, ns, name);

    /// <summary>The real kubectl with <paramref name="kubeconfig"/> (default: admin) and a cache of its own.</summary>
    public Task<ToolResult> KubectlAsync(string? kubeconfig, params string[] args) =>
        ExternalTool.RunAsync("kubectl", [.. args, "--kubeconfig", kubeconfig ?? AdminKubeconfig, "--cache-dir", Path.Combine(Dir, "kubectl-cache-" + Path.GetFileName(kubeconfig ?? AdminKubeconfig))],
            environment: new Dictionary<string, string> { ["HOME"] = Dir }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary><c>kubectl apply -n NS -f samples/rbac/FILE</c>, as the docs tell an admin to.</summary>
    public async Task ApplySampleAsync(string file, string ns) =>
        (await KubectlAsync(null, "apply", "-n", ns, "-f", Path.Combine(TestServices.RepoRoot, "samples", "rbac", file))).EnsureSuccess($"kubectl apply {file}");

    /// <summary><c>kubectl create token SA -n NS</c>, then a kubeconfig with only that token, namespace NS.</summary>
    public async Task<string> ServiceAccountKubeconfigAsync(string serviceAccount, string ns)
    {
        var token = (await KubectlAsync(null, "create", "token", serviceAccount, "-n", ns)).EnsureSuccess("kubectl create token").Stdout.Trim();
        var path = Path.Combine(Dir, $"{ns}-{serviceAccount}.kubeconfig");
        File.WriteAllText(path, Cluster.KubeconfigYaml(token, ns));
        return path;
    }

    /// <summary>
    /// Runs <c>imageroll ARGS</c> in-process with a HOME of its own and nothing else in the environment: no docker
    /// config, no registry credentials, only what the arguments say.
    /// </summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ImageRollAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var home = Directory.CreateDirectory(Path.Combine(Dir, "home")).FullName;
        var io = new global::ImageRoll.Cli.Console.CliIO(stdout, stderr, name => name == "HOME" ? home : null, ErrorIsTerminal: false) { WorkingDirectory = home };
        var code = await global::ImageRoll.Cli.CliApp.RunAsync(args, io, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Pushes a new small image to the integrated registry with the real skopeo and the admin token (an auth file, not
    /// the command line): NAMESPACE/STREAM:TAG; returns the digest skopeo pushed.
    /// </summary>
    public async Task<string> PushToIntegratedRegistryAsync(string repositoryAndTag)
    {
        var layout = Path.Combine(Dir, $"layout-{Guid.NewGuid():N}");
        new Registry.OciLayoutWriter(layout).WriteSmallImage(seed: Random.Shared.Next());
        var front = Cluster.IntegratedRegistry!.Host;
        var auth = Path.Combine(Dir, "skopeo-auth.json");
        File.WriteAllText(auth, new JsonObject
        {
            ["auths"] = new JsonObject { [front] = new JsonObject { ["auth"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("user:" + Cluster.AdminToken)) } },
        }.ToJsonString());
        var digestFile = Path.Combine(Dir, $"digest-{Guid.NewGuid():N}");
        (await ExternalTool.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", "--dest-authfile", auth, "--digestfile", digestFile, $"oci:{layout}", $"docker://{front}/{repositoryAndTag}"],
            environment: new Dictionary<string, string> { ["HOME"] = Dir }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("skopeo copy");
        return File.ReadAllText(digestFile).Trim();
    }

    /// <summary>A kubeconfig with one context per cluster (named as given, the first current), each with its admin token.</summary>
    public static string TwoContextKubeconfig(string path, params (string Name, NativeCluster Cluster, string Namespace)[] contexts)
    {
        var yaml = new System.Text.StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n");
        foreach (var (name, c, _) in contexts)
        {
            yaml.Append($"- name: {name}\n  cluster:\n    server: {c.Cluster.BaseUrl}\n    certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(c.Cluster.CaPem!))}\n");
        }

        yaml.Append("users:\n");
        foreach (var (name, c, _) in contexts)
        {
            yaml.Append($"- name: {name}\n  user:\n    token: {c.Cluster.AdminToken}\n");
        }

        yaml.Append("contexts:\n");
        foreach (var (name, _, ns) in contexts)
        {
            yaml.Append($"- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\n    namespace: {ns}\n");
        }

        yaml.Append($"current-context: {contexts[0].Name}\n");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    /// <summary>Runs a release with the engine over <paramref name="kubeconfig"/>, the way the faces load one.</summary>
    public static async Task<(ReleaseResult Result, RecordingObserver Observer)> ReleaseAsync(string kubeconfig, RegistryClientOptions registry, ReleaseOptions options)
    {
        using var kube = KubeClientFactory.Create(new KubeConnectionOptions(kubeconfig, null, null), _ => null);
        using var session = new RegistrySession(registry);
        var observer = new RecordingObserver();
        var result = await new ReleaseRunner(new ReleaseServices { Kube = kube, Registry = session })
            .RunAsync(options, observer, TestContext.Current.CancellationToken);
        return (result, observer);
    }

    /// <summary>name -> resourceVersion of every stored object (the RBAC objects and tokens' service accounts included).</summary>
    public Dictionary<string, string> Snapshot()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in ResourceTypes.All.Where(t => !t.Virtual))
        {
            foreach (var item in Store.List(type, null).Items)
            {
                all[$"{type.Plural}/{Meta.Namespace(item)}/{Meta.Name(item)}"] = Meta.ResourceVersion(item)!;
            }
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
