using System.Text.Json.Nodes;

namespace ImageRoll.IntegrationTests.Faults.Corpus;

/// <summary>One bad input: what the user runs (against the corpus fixture), the IR code and exit class expected.</summary>
public sealed record BadInputCase(string Name, string Code, int Exit, Func<CorpusFixture, string[]> Args);

/// <summary>
/// The bad-input corpus of issue 12 (image references, trigger annotations, kubeconfigs, CLI arguments, archives).
/// The command line's own misuse (unknown options, contradictory flags, durations) is cli's corpus
/// (tests/ImageRoll.Core.Tests/Cli/MisuseTests.cs) and is not repeated here.
/// </summary>
public static class BadInputCorpus
{
    private const string Web = "spec.template.spec.containers[?(@.name==\\\"web\\\")].image";

    /// <summary>Deployments whose trigger annotation is broken, created by the fixture: name, annotation.</summary>
    public static readonly IReadOnlyList<(string Name, string Annotation)> TriggerWorkloads =
    [
        ("trig-object", """{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"FP"}""".Replace("FP", Web, StringComparison.Ordinal)),
        ("trig-wrong-type", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":42}]"""),
        ("trig-unknown-field", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"FP","containerName":"web"}]""".Replace("FP", Web, StringComparison.Ordinal)),
        ("trig-malformed-path", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\").image"}]"""),
        ("trig-no-tag", """[{"from":{"kind":"ImageStreamTag","name":"example"},"fieldPath":"FP"}]""".Replace("FP", Web, StringComparison.Ordinal)),
        ("trig-no-path", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"}}]"""),
        ("trig-paused", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"FP","paused":true}]""".Replace("FP", Web, StringComparison.Ordinal)),
        ("trig-other-tag", """[{"from":{"kind":"ImageStreamTag","name":"example:other"},"fieldPath":"FP"}]""".Replace("FP", Web, StringComparison.Ordinal)),
        ("trig-empty", ""),
        ("trig-null", "null"),
        ("trig-not-json", "from example:latest set web"),
        ("trig-name-path", """[{"from":{"kind":"ImageStreamTag","name":"example:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].name"}]"""),
    ];

    public static readonly IReadOnlyList<BadInputCase> Cases = [.. ImageReferences(), .. Triggers(), .. Kubeconfigs(), .. Arguments(), .. Archives()];

    private static string[] Reg(CorpusFixture f, params string[] args) => [.. args, "--insecure-registry", f.Registry];

    private static string[] Kube(CorpusFixture f, params string[] args) => [.. args, "--kubeconfig", f.Kubeconfig];

    private static string Image(CorpusFixture f) => $"{f.Registry}/{f.Repository}:v1";

    private static string Pinned(CorpusFixture f) => $"{f.Registry}/{f.Repository}@{f.Digest}";

    private static IEnumerable<BadInputCase> ImageReferences()
    {
        yield return new("resolve: empty reference", "IR2100", 2, f => Reg(f, "resolve", ""));
        yield return new("resolve: upper-case repository", "IR2104", 2, f => Reg(f, "resolve", $"{f.Registry}/Corpus/Web:v1"));
        yield return new("resolve: space in tag", "IR2105", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web:v 1"));
        yield return new("resolve: empty tag", "IR2105", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web:"));
        yield return new("resolve: 129-character tag", "IR2105", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web:" + new string('t', 129)));
        yield return new("resolve: short digest", "IR2120", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web@sha256:abc"));
        yield return new("resolve: md5 digest", "IR2121", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web@md5:" + new string('a', 32)));
        yield return new("resolve: digest not hex", "IR2120", 2, f => Reg(f, "resolve", $"{f.Registry}/corpus/web@sha256:" + new string('z', 64)));
        yield return new("resolve: double slash", "IR2103", 2, f => Reg(f, "resolve", $"{f.Registry}//corpus:v1"));
        yield return new("resolve: URL scheme", "IR2102", 2, f => Reg(f, "resolve", $"https://{f.Registry}/corpus/web:v1"));
        yield return new("resolve: leading dash in path", "IR2103", 2, f => Reg(f, "resolve", $"{f.Registry}/-corpus/web:v1"));
        yield return new("resolve: 300-character name", "IR2109", 2, f => Reg(f, "resolve", $"{f.Registry}/" + new string('a', 300) + ":v1"));
        yield return new("copy: upper-case destination", "IR2104", 2, f => Reg(f, "copy", Image(f), $"{f.Registry}/Corpus/Dst:v1"));
        yield return new("copy: destination digest is not the source's", "IR1016", 2, f => Reg(f, "copy", Image(f), $"{f.Registry}/it/corpus-dst@{f.OtherDigest}"));
        yield return new("copy: pinned source to another digest", "IR1016", 2, f => Reg(f, "copy", Pinned(f), $"{f.Registry}/it/corpus-dst@{f.OtherDigest}"));
        yield return new("push: target names a digest", "IR1015", 2, f => Reg(f, "push", f.Layout, "--image", $"{f.Registry}/it/corpus-push@{f.Digest}"));
        yield return new("push: upper-case target", "IR2104", 2, f => Reg(f, "push", f.Layout, "--image", $"{f.Registry}/It/Corpus:v1"));
        yield return new("push: bad extra tag", "IR2105", 2, f => Reg(f, "push", f.Layout, "--image", $"{f.Registry}/it/corpus-push:v1", "--tag", "bad tag"));
        yield return new("tag: source by tag, not digest", "IR3205", 2, f => Kube(f, Reg(f, "tag", Image(f), "example:t1")));
        yield return new("tag: source digest malformed", "IR3205", 2, f => Kube(f, Reg(f, "tag", $"{f.Registry}/{f.Repository}@sha256:1234", "example:t1")));
        yield return new("tag: --expected-image not a digest", "IR2120", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example:t1", "--expected-image", "nothex")));
        yield return new("tag: --expected-image wrong length", "IR2120", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example:t1", "--expected-image", "sha256:abcd")));
        yield return new("rollout: --image by tag", "IR3205", 2, f => Kube(f, "rollout", "deployment/web", "--image", Image(f), "--no-wait"));
        yield return new("rollout: --image not a reference", "IR3205", 2, f => Kube(f, "rollout", "deployment/web", "--image", "not a reference", "--no-wait"));
    }

    private static IEnumerable<BadInputCase> Triggers()
    {
        string[] Patch(CorpusFixture f, string workload) => Kube(f, "rollout", $"deployment/{workload}", "--from", "example:latest", "--trigger", "patch", "--no-wait");
        yield return new("trigger: annotation is an object, not a list", "IR3302", 2, f => Patch(f, "trig-object"));
        yield return new("trigger: fieldPath is a number", "IR3304", 2, f => Patch(f, "trig-wrong-type"));
        yield return new("trigger: unknown field containerName", "IR3306", 2, f => Patch(f, "trig-unknown-field"));
        yield return new("trigger: unbalanced selector", "IR3309", 2, f => Patch(f, "trig-malformed-path"));
        yield return new("trigger: from.name without a tag", "IR3316", 2, f => Patch(f, "trig-no-tag"));
        yield return new("trigger: no fieldPath", "IR3317", 2, f => Patch(f, "trig-no-path"));
        yield return new("trigger: paused (patch)", "IR3320", 2, f => Patch(f, "trig-paused"));
        yield return new("trigger: paused (wait)", "IR3332", 2, f => Kube(f, "rollout", "deployment/trig-paused", "--from", "example:latest", "--trigger", "wait", "--no-wait"));
        yield return new("trigger: follows another tag", "IR3321", 2, f => Patch(f, "trig-other-tag"));
        yield return new("trigger: empty annotation", "IR3301", 2, f => Patch(f, "trig-empty"));
        yield return new("trigger: annotation null (no triggers)", "IR3321", 2, f => Patch(f, "trig-null"));
        yield return new("trigger: annotation in prose", "IR3301", 2, f => Patch(f, "trig-not-json"));
        yield return new("trigger: fieldPath names a container's name", "IR3309", 2, f => Patch(f, "trig-name-path"));
        yield return new("trigger: no workload follows the tag", "IR3322", 2, f => Kube(f, "rollout", "--from", "example:spare", "--trigger", "patch", "--no-wait"));
        yield return new("rollout: two containers, none named", "IR3340", 2, f => Kube(f, "rollout", "deployment/pair", "--image", Pinned(f), "--no-wait"));
        yield return new("rollout: --container not in the pod", "IR3341", 2, f => Kube(f, "rollout", "deployment/pair", "--image", Pinned(f), "--container", "db", "--no-wait"));
    }

    private static IEnumerable<BadInputCase> Kubeconfigs()
    {
        string[] Status(CorpusFixture f, string kubeconfig, params string[] extra) => ["status", "deployment/web", "--kubeconfig", kubeconfig, .. extra];
        yield return new("kubeconfig: file does not exist", "IR3000", 2, f => Status(f, f.Path("no-such-kubeconfig")));
        yield return new("kubeconfig: a directory", "IR3000", 2, f => Status(f, f.Path("a-directory")));
        yield return new("kubeconfig: empty file", "IR3004", 2, f => Status(f, f.Path("kc-empty")));
        yield return new("kubeconfig: not YAML", "IR3002", 2, f => Status(f, f.Path("kc-not-yaml")));
        yield return new("kubeconfig: a YAML list", "IR3002", 2, f => Status(f, f.Path("kc-list")));
        yield return new("kubeconfig: no current-context", "IR3004", 2, f => Status(f, f.Path("kc-no-current")));
        yield return new("kubeconfig: --context not defined", "IR3003", 2, f => Status(f, f.Kubeconfig, "--context", "elsewhere"));
        yield return new("kubeconfig: context names an undefined cluster", "IR3005", 2, f => Status(f, f.Path("kc-bad-cluster")));
        yield return new("kubeconfig: context names an undefined user", "IR3006", 2, f => Status(f, f.Path("kc-bad-user")));
        yield return new("kubeconfig: server is not a URL", "IR3007", 2, f => Status(f, f.Path("kc-bad-server")));
        yield return new("kubeconfig: server is ftp://", "IR3007", 2, f => Status(f, f.Path("kc-ftp-server")));
        yield return new("kubeconfig: CA data not base64", "IR3008", 2, f => Status(f, f.Path("kc-bad-ca")));
        yield return new("kubeconfig: CA file missing", "IR3009", 2, f => Status(f, f.Path("kc-missing-ca-file")));
        yield return new("kubeconfig: tokenFile missing", "IR3009", 2, f => Status(f, f.Path("kc-missing-token-file")));
        yield return new("kubeconfig: context namespace invalid", "IR2013", 2, f => Status(f, f.Path("kc-bad-namespace")));
        yield return new("namespace: -n with '_' and '!'", "IR2013", 2, f => Status(f, f.Kubeconfig, "-n", "Bad_NS!"));
        yield return new("namespace: -n of 100000 characters", "IR2013", 2, f => Status(f, f.Kubeconfig, "-n", new string('a', 100_000)));
        yield return new("namespace: -n starting with '-'", "IR2013", 2, f => Status(f, f.Kubeconfig, "-n", "-team"));
        yield return new("namespace: -n with a dot", "IR2013", 2, f => Status(f, f.Kubeconfig, "-n", "team.web"));
        yield return new("namespace: -n of 64 characters", "IR2013", 2, f => Status(f, f.Kubeconfig, "-n", new string('n', 64)));
        yield return new("namespace: rollout -n upper-case", "IR2013", 2, f => Kube(f, "rollout", "deployment/web", "--image", Pinned(f), "-n", "Team", "--no-wait"));
        yield return new("namespace: NS/STREAM:TAG with 64 characters", "IR2013", 2, f => Kube(f, Reg(f, "tag", Pinned(f), new string('s', 64) + "/example:t1")));
        yield return new("namespace: tag -n with a space", "IR2013", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example:t1", "-n", "my team")));
    }

    private static IEnumerable<BadInputCase> Arguments()
    {
        yield return new("status: upper-case workload name", "IR2012", 2, f => Kube(f, "status", "deployment/Web"));
        yield return new("status: workload without a name", "IR2010", 2, f => Kube(f, "status", "deployment/"));
        yield return new("status: pods are not rolled out", "IR2011", 2, f => Kube(f, "status", "pods/web"));
        yield return new("status: workload of 100000 characters", "IR2012", 2, f => Kube(f, "status", "deployment/" + new string('w', 100_000)));
        yield return new("rollout: --from with an upper-case stream", "IR3201", 2, f => Kube(f, "rollout", "deployment/web", "--from", "Example:latest", "--no-wait"));
        yield return new("rollout: --from without a tag", "IR3201", 2, f => Kube(f, "rollout", "deployment/web", "--from", "example", "--no-wait"));
        yield return new("tag: stream tag with a space", "IR3201", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example:t 1")));
        yield return new("tag: stream tag without a tag", "IR3201", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example")));
        yield return new("registry-ca: none for a TLS registry with a private CA (words, not RemoteCertificateValidationCallback)", "IR1001", 3, f => ["resolve", $"{Infrastructure.TestServices.AuthRegistry}/it/corpus:v1"]);
        yield return new("registry-ca: a directory", "IR1012", 2, f => Reg(f, "resolve", Image(f), "--registry-ca", f.Path("a-directory")));
        yield return new("registry-ca: missing file", "IR1012", 2, f => Reg(f, "resolve", Image(f), "--registry-ca", f.Path("no-such-ca.pem")));
        yield return new("registry-ca: not PEM", "IR1012", 2, f => Reg(f, "resolve", Image(f), "--registry-ca", f.Path("not-a-pem")));
        yield return new("insecure-registry: with a path", "IR1013", 2, f => ["copy", Image(f), $"{f.Registry}/it/corpus-dst:v1", "--insecure-registry", f.Registry + "/v2"]);
        yield return new("tag: --reference-policy unknown", "IR2003", 2, f => Kube(f, Reg(f, "tag", Pinned(f), "example:t1", "--reference-policy", "Remote")));
        yield return new("status: --grace-period not a duration", "IR2001", 2, f => Kube(f, "status", "deployment/web", "--grace-period", "a while"));
    }

    private static IEnumerable<BadInputCase> Archives()
    {
        string[] Push(CorpusFixture f, string path, params string[] extra) => Reg(f, ["push", path, "--image", $"{f.Registry}/it/corpus-push:v1", .. extra]);
        yield return new("archive: path does not exist", "IR2142", 2, f => Push(f, f.Path("no-such-layout")));
        yield return new("archive: empty directory", "IR2140", 2, f => Push(f, f.Path("empty-dir")));
        yield return new("archive: not a tar", "IR2141", 2, f => Push(f, f.Path("random.tar")));
        yield return new("archive: gzip-compressed layout tar", "IR2141", 2, f => Push(f, f.Path("layout.tar.gz")));
        yield return new("archive: index.json not JSON", "IR2145", 2, f => Push(f, f.LayoutVariant("index-garbage", d => File.WriteAllText(Path.Combine(d, "index.json"), "{ not json"))));
        yield return new("archive: index.json lists nothing", "IR2148", 2, f => Push(f, f.LayoutVariant("index-empty", d => File.WriteAllText(Path.Combine(d, "index.json"), """{"schemaVersion":2,"manifests":[]}"""))));
        yield return new("archive: --ref names no image", "IR2143", 2, f => Push(f, f.Layout, "--ref", "nope"));
        yield return new("archive: manifest blob missing", "IR2144", 2, f => Push(f, f.LayoutVariant("no-manifest", d =>
            File.Delete(CorpusFixture.BlobPath(d, (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(d, "index.json")))!["manifests"]![0]!["digest"]!)))));
        yield return new("archive: layer blob missing", "IR2144", 2, f => Push(f, f.LayoutVariant("no-layer", d => File.Delete(Layer(d, 0)))));
        yield return new("archive: layer one byte short", "IR2146", 2, f => Push(f, f.LayoutVariant("short-layer", d => Truncate(Layer(d, 1)))));
        yield return new("archive: layer with one flipped byte", "IR2147", 2, f => Push(f, f.LayoutVariant("flipped-layer", d => Flip(Layer(d, 1)))));
        yield return new("archive: config with one flipped byte", "IR2147", 2, f => Push(f, f.LayoutVariant("flipped-config", d => Flip(Config(d)))));
        yield return new("archive: manifest edited", "IR2147", 2, f => Push(f, f.LayoutVariant("edited-manifest", d =>
            File.AppendAllText(CorpusFixture.BlobPath(d, (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(d, "index.json")))!["manifests"]![0]!["digest"]!), " "))));
        yield return new("archive: layer is a link leaving the layout", "IR2149", 2, f => Push(f, f.LayoutVariant("link-out", d =>
        {
            var layer = Layer(d, 0);
            File.Move(layer, Path.Combine(d, "..", "outside-" + Path.GetFileName(layer)), overwrite: true);
            File.CreateSymbolicLink(layer, Path.GetFullPath(Path.Combine(d, "..", "outside-" + Path.GetFileName(layer))));
        })));
        yield return new("archive: link loop", "IR2149", 2, f => Push(f, f.LayoutVariant("link-loop", d =>
        {
            var layer = Layer(d, 0);
            File.Delete(layer);
            File.CreateSymbolicLink(layer, layer + ".b");
            File.CreateSymbolicLink(layer + ".b", layer);
        })));
        yield return new("archive: docker save manifest.json not a list", "IR2145", 2, f => Push(f, f.Path("save-not-array.tar")));
        yield return new("archive: docker save names a missing layer", "IR2145", 2, f => Push(f, f.Path("save-missing-layer.tar")));
        yield return new("archive: docker save config path escapes", "IR2145", 2, f => Push(f, f.Path("save-traversal.tar")));
    }

    private static string Layer(string layout, int i) =>
        CorpusFixture.BlobPath(layout, (string)CorpusFixture.Manifest(layout)["layers"]![i]!["digest"]!);

    private static string Config(string layout) =>
        CorpusFixture.BlobPath(layout, (string)CorpusFixture.Manifest(layout)["config"]!["digest"]!);

    private static void Flip(string path)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private static void Truncate(string path)
    {
        using var file = File.OpenWrite(path);
        file.SetLength(file.Length - 1);
    }
}
