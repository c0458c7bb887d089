using System.Text.Json;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.RealCluster;

/// <summary>
/// Cluster end-to-end tests that use only what a real cluster offers (no simulator knobs). They run when
/// IMAGEROLL_E2E_KUBECONFIG (a kind, OpenShift Local or other cluster) and IMAGEROLL_E2E_REGISTRY (HOST[:PORT] of a
/// registry the cluster can pull from and this machine can push to; IMAGEROLL_E2E_INSECURE=true for plain HTTP) are
/// both set, and are skipped, visibly, otherwise. Each test works in a namespace of its own and deletes it after.
/// </summary>
public sealed class RealClusterTests
{
    private static readonly string? Kubeconfig = Environment.GetEnvironmentVariable("IMAGEROLL_E2E_KUBECONFIG");
    private static readonly string? Registry = Environment.GetEnvironmentVariable("IMAGEROLL_E2E_REGISTRY");
    private static readonly bool Insecure = string.Equals(Environment.GetEnvironmentVariable("IMAGEROLL_E2E_INSECURE"), "true", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task Digest_rollout_on_a_real_cluster_ends_with_the_pushed_digest_and_kubectl_agrees()
    {
        var (kubeconfig, registry) = RequireCluster();
        await using var ns = await E2eNamespace.CreateAsync(kubeconfig);
        var first = await PushAsync(registry, "first");
        var second = await PushAsync(registry, "second");

        await ns.KubectlAsync("create", "deployment", "demo", "--image", first, "--port", "8080");
        await ns.KubectlAsync("rollout", "status", "deployment/demo", "--timeout=5m");

        var rollout = await ImageRollCli.RunAsync(Env(), ["rollout", "deployment/demo", "--image", second, "--container", "demo", "--timeout", "5m", .. ns.Args]);
        Run(rollout);
        Assert.Contains("deployment \"demo\" successfully rolled out", rollout.Stderr, StringComparison.Ordinal);

        var status = await ns.KubectlAsync("rollout", "status", "deployment/demo", "--timeout=60s");
        Assert.Contains("successfully rolled out", status, StringComparison.Ordinal);
        var image = await ns.KubectlAsync("get", "deployment", "demo", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.Equal(second, image.Trim());
    }

    [Fact]
    public async Task Tag_and_trigger_on_a_real_OpenShift_cluster_roll_the_digest_out()
    {
        var (kubeconfig, registry) = RequireCluster();
        await using var ns = await E2eNamespace.CreateAsync(kubeconfig);
        var groups = await ns.KubectlAsync("api-versions");
        if (!groups.Split('\n').Any(l => l.Trim() == "image.openshift.io/v1"))
        {
            Assert.Skip("The cluster in IMAGEROLL_E2E_KUBECONFIG does not serve image.openshift.io/v1 (not OpenShift): image stream triggers cannot be tested there.");
        }

        var pushed = await PushAsync(registry, "trigger");
        var trigger = """[{"from":{"kind":"ImageStreamTag","name":"demo:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\"web\")].image"}]""";
        var manifest = new
        {
            apiVersion = "apps/v1",
            kind = "Deployment",
            metadata = new { name = "demo", annotations = new Dictionary<string, string> { ["image.openshift.io/triggers"] = trigger } },
            spec = new
            {
                replicas = 1,
                selector = new { matchLabels = new { app = "demo" } },
                template = new
                {
                    metadata = new { labels = new { app = "demo" } },
                    spec = new { containers = new[] { new { name = "web", image = "placeholder.invalid/demo:none" } } },
                },
            },
        };
        await ns.KubectlWithInputAsync(JsonSerializer.Serialize(manifest), "apply", "-f", "-");

        List<string> tagArgs = ["tag", pushed, "demo:latest", "--create-stream", .. ns.Args];
        if (Insecure)
        {
            tagArgs.AddRange(["--insecure-registry", registry]);
        }

        Run(await ImageRollCli.RunAsync(Env(), [.. tagArgs]));
        var rollout = await ImageRollCli.RunAsync(Env(), ["rollout", "deployment/demo", "--from", "demo:latest", "--trigger", "wait", "--timeout", "5m", .. ns.Args]);
        Run(rollout);

        var image = await ns.KubectlAsync("get", "deployment", "demo", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.EndsWith(pushed[pushed.IndexOf('@', StringComparison.Ordinal)..], image.Trim(), StringComparison.Ordinal);
    }

    private static (string Kubeconfig, string Registry) RequireCluster()
    {
        if (string.IsNullOrEmpty(Kubeconfig) || string.IsNullOrEmpty(Registry))
        {
            Assert.Skip("Real-cluster test skipped: set IMAGEROLL_E2E_KUBECONFIG (a cluster's kubeconfig) and IMAGEROLL_E2E_REGISTRY (a registry it can pull from; IMAGEROLL_E2E_INSECURE=true for plain HTTP) to run it.");
        }

        return (Kubeconfig!, Registry!);
    }

    private static Dictionary<string, string?> Env() => new()
    {
        ["HOME"] = Environment.GetEnvironmentVariable("HOME"),
        ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        ["DOCKER_CONFIG"] = Environment.GetEnvironmentVariable("DOCKER_CONFIG"),
        ["IMAGEROLL_REGISTRY_USERNAME"] = Environment.GetEnvironmentVariable("IMAGEROLL_REGISTRY_USERNAME"),
        ["IMAGEROLL_REGISTRY_PASSWORD"] = Environment.GetEnvironmentVariable("IMAGEROLL_REGISTRY_PASSWORD"),
    };

    private static void Run(CliResult result) => result.EnsureSuccess();

    /// <summary>Builds a tiny unique image with build/demo-image.sh and pushes it; returns REG/REPO@sha256:...</summary>
    private static async Task<string> PushAsync(string registry, string text)
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-e2e-image-");
        try
        {
            var unique = $"{text}-{Guid.NewGuid():N}";
            (await ExternalTool.RunAsync("bash", [Path.Combine(TestServices.RepoRoot, "build", "demo-image.sh"), dir.FullName, unique])).EnsureSuccess("build/demo-image.sh");
            var args = new List<string> { "push", dir.FullName, "--image", $"{registry}/imageroll-e2e/demo:{text}" };
            if (Insecure)
            {
                args.AddRange(["--insecure-registry", registry]);
            }

            var push = await ImageRollCli.RunAsync(Env(), [.. args]);
            push.EnsureSuccess();
            Assert.StartsWith($"{registry}/imageroll-e2e/demo@sha256:", push.LastStdoutLine, StringComparison.Ordinal);
            return push.LastStdoutLine;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
