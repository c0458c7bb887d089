using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Registry;

namespace ImageRoll.IntegrationTests.Faults.Corpus;

/// <summary>
/// What the bad-input corpus runs against: the real registry behind a pass-through <see cref="FaultProxy"/> (whose
/// log shows any write), an HTTPS simulated cluster (whose request log shows any write), one pushed image, the
/// workloads the trigger cases need, and the broken files (archives, kubeconfigs, CA bundles) the cases name.
/// </summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    public const string Container = "web";
    private string _dir = null!;

    public SimulatedCluster Cluster { get; private set; } = null!;

    public FaultProxy Proxy { get; private set; } = null!;

    /// <summary>The registry as the cases name it (through the proxy).</summary>
    public string Registry => Proxy.Address;

    public string Repository { get; } = RegistryTestEnv.UniqueRepo("corpus");

    /// <summary>The pushed image's manifest digest.</summary>
    public string Digest { get; private set; } = null!;

    /// <summary>A well-formed digest nothing has.</summary>
    public string OtherDigest { get; } = "sha256:" + new string('7', 64);

    public string Kubeconfig { get; private set; } = null!;

    /// <summary>A valid OCI layout of the pushed image.</summary>
    public string Layout { get; private set; } = null!;

    public string Home => _dir;

    public string Path(string name) => System.IO.Path.Combine(_dir, name);

    public async ValueTask InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("imageroll-corpus-").FullName;
        Proxy = FaultProxy.Start(RegistryTestEnv.Plain);
        Cluster = await SimulatedCluster.StartAsync(new SimulatorOptions(), TestContext.Current.CancellationToken);
        Kubeconfig = Path("kubeconfig");
        Cluster.WriteKubeconfig(Kubeconfig);

        var writer = new OciLayoutWriter(Directory.CreateDirectory(Path("layout")).FullName);
        Digest = writer.WriteSmallImage(seed: 42).Digest;
        Layout = writer.Directory;
        await using (var source = await ImageSourceFactory.OpenAsync(Layout, null, TestContext.Current.CancellationToken))
        {
            using var session = new RegistrySession(new RegistryClientOptions { InsecureRegistries = [RegistryTestEnv.Plain] });
            await new ImagePusher(session).PushAsync(source, ImageReference.Parse($"{RegistryTestEnv.Plain}/{Repository}:v1"), [], null, TestContext.Current.CancellationToken);
        }

        Cluster.Store.Create(ResourceTypes.Deployments, "default", Workloads.Deployment("web", triggers: null));
        Cluster.Store.Create(ResourceTypes.Deployments, "default", Workloads.Deployment("pair", null, "web", "sidecar"));
        foreach (var (name, annotation) in BadInputCorpus.TriggerWorkloads)
        {
            Cluster.Store.Create(ResourceTypes.Deployments, "default", Workloads.Deployment(name, annotation));
        }

        // The stream tag the trigger cases roll out from holds the image (tagged as a user would).
        foreach (var tag in new[] { "example:latest", "example:spare" })
        {
            (await ImageRollCli.RunAsync(new Dictionary<string, string?> { ["HOME"] = _dir },
                "tag", $"{RegistryTestEnv.Plain}/{Repository}@{Digest}", tag, "--create-stream", "--insecure-registry", RegistryTestEnv.Plain, "--kubeconfig", Kubeconfig, "--timeout", "60s")).EnsureSuccess();
        }
        WriteBrokenFiles();
    }

    /// <summary>A copy of the valid layout, changed by <paramref name="change"/> (gets the copy's directory).</summary>
    public string LayoutVariant(string name, Action<string> change)
    {
        var target = Path("layout-" + name);
        if (!Directory.Exists(target))
        {
            CopyDirectory(Layout, target);
            change(target);
        }

        return target;
    }

    /// <summary>The layout's manifest as JSON, and the path of a blob by digest.</summary>
    public static JsonObject Manifest(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(layout, "index.json")))!;
        var digest = (string)index["manifests"]![0]!["digest"]!;
        return JsonNode.Parse(File.ReadAllText(BlobPath(layout, digest)))!.AsObject();
    }

    public static string BlobPath(string layout, string digest) => System.IO.Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private void WriteBrokenFiles()
    {
        var kube = File.ReadAllText(Kubeconfig);
        File.WriteAllText(Path("kc-empty"), string.Empty);
        File.WriteAllText(Path("kc-not-yaml"), "clusters: [ {name: x\n  : : :");
        File.WriteAllText(Path("kc-list"), "- a\n- b\n");
        File.WriteAllText(Path("kc-no-current"), kube.Replace("current-context: simulator", "current-context: \"\"", StringComparison.Ordinal));
        File.WriteAllText(Path("kc-bad-cluster"), kube.Replace("    cluster: simulator", "    cluster: nowhere", StringComparison.Ordinal));
        File.WriteAllText(Path("kc-bad-user"), kube.Replace("    user: simulator", "    user: nobody", StringComparison.Ordinal));
        File.WriteAllText(Path("kc-bad-server"), kube.Replace(Cluster.BaseUrl, "not a url", StringComparison.Ordinal));
        File.WriteAllText(Path("kc-ftp-server"), kube.Replace(Cluster.BaseUrl, "ftp://127.0.0.1:21", StringComparison.Ordinal));
        File.WriteAllText(Path("kc-bad-ca"), System.Text.RegularExpressions.Regex.Replace(kube, "certificate-authority-data: .*", "certificate-authority-data: not-base64!!"));
        File.WriteAllText(Path("kc-missing-ca-file"), System.Text.RegularExpressions.Regex.Replace(kube, "certificate-authority-data: .*", "certificate-authority: " + Path("no-such-ca.pem")));
        File.WriteAllText(Path("kc-missing-token-file"), System.Text.RegularExpressions.Regex.Replace(kube, "token: .*", "tokenFile: " + Path("no-such-token")));
        File.WriteAllText(Path("kc-bad-namespace"), kube.Replace("    namespace: default", "    namespace: Bad_NS", StringComparison.Ordinal));
        File.WriteAllText(Path("not-a-pem"), "this is not a certificate\n");
        File.WriteAllText(Path("random.tar"), Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('x', 3000))));
        Directory.CreateDirectory(Path("empty-dir"));
        Directory.CreateDirectory(Path("a-directory"));

        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path("layout.tar.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            TarFile.CreateFromDirectory(Layout, gz, includeBaseDirectory: false);
        }

        WriteDockerSave("save-not-array.tar", "{\"Config\":\"c.json\"}", []);
        WriteDockerSave("save-missing-layer.tar", "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"nope/layer.tar\"]}]", [("c.json", "{\"rootfs\":{\"diff_ids\":[]}}")]);
        WriteDockerSave("save-traversal.tar", "[{\"Config\":\"../../etc/hostname\",\"RepoTags\":[\"x:1\"],\"Layers\":[]}]", []);
    }

    private void WriteDockerSave(string name, string manifestJson, (string Name, string Content)[] files)
    {
        using var stream = File.Create(Path(name));
        using var tar = new TarWriter(stream, TarEntryFormat.Pax);
        foreach (var (entry, content) in files.Prepend(("manifest.json", manifestJson)))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        }
    }
}
