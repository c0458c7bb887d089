using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// `imageroll release` end to end through the packed and installed tool, against the real registry and the simulated
/// cluster: an OCI archive in patch mode under GitHub Actions, an SDK project in wait mode under Jenkins, a failed
/// rollout's JUnit evidence, the issue's command line as written (with and without GitHub Actions), and a dry run.
/// </summary>
public sealed partial class ReleaseToolTests(PackedTool tool) : IClassFixture<PackedTool>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-release-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Archive_in_patch_mode_under_GitHub_Actions_sets_outputs_summary_groups_and_masks()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        Stream(sim);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var layout = Path.Combine(_dir, "layout");
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var repository = $"apps/rel-{Guid.NewGuid():N}";
        var (outputs, summary) = (Path.Combine(_dir, "github-output"), Path.Combine(_dir, "step-summary.md"));
        File.WriteAllText(outputs, "earlier=1\n");
        File.WriteAllText(summary, string.Empty);
        var password = $"pw-{Guid.NewGuid():N}";

        var run = await tool.RunAsync(
            new Dictionary<string, string>
            {
                ["GITHUB_ACTIONS"] = "true",
                ["GITHUB_OUTPUT"] = outputs,
                ["GITHUB_STEP_SUMMARY"] = summary,
                ["IMAGEROLL_REGISTRY_USERNAME"] = "ci",
                ["IMAGEROLL_REGISTRY_PASSWORD"] = password,
            },
            _dir,
            "release", "--image", $"{TestServices.Registry}/{repository}:v1", "--archive", layout, "--stream", "example:latest", "--trigger", "patch",
            "--insecure-registry", TestServices.Registry, "--kubeconfig", sim.Kubeconfig, "--timeout", "2m");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var values = Outputs(File.ReadAllText(outputs));
        Assert.StartsWith("earlier=1\n", File.ReadAllText(outputs), StringComparison.Ordinal);
        Assert.StartsWith($"{TestServices.Registry}/{repository}@sha256:", values["image"], StringComparison.Ordinal);
        Assert.Equal(values["image"].Split('@')[1], values["digest"]);
        Assert.Equal(values["image"], values["pull-spec"]);
        Assert.Equal("succeeded", values["result"]);
        Assert.Equal(values["pull-spec"], Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        Assert.Equal(values["image"], run.Stdout.TrimEnd().Split('\n')[^1]);

        var table = File.ReadAllText(summary);
        Assert.Contains("| Workload | Namespace | Outcome | Revision | Rollout | Message |", table, StringComparison.Ordinal);
        var revision = (string?)sim.Get(ResourceTypes.Deployments, "example")["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"];
        Assert.Contains($"| deployment/example | default | Succeeded | {revision} |", table, StringComparison.Ordinal);

        var token = KubeToken(sim);
        AssertMaskedBeforeUse(run.Stderr, password);
        AssertMaskedBeforeUse(run.Stderr, token);
        Assert.Contains("::group::imageroll image: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("::group::imageroll rollout: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(Count(run.Stderr, "::group::"), Count(run.Stderr, "::endgroup::"));
        var plan = run.Stderr.IndexOf("::group::imageroll plan", StringComparison.Ordinal);
        var check = run.Stderr.IndexOf("  check permissions: ok", StringComparison.Ordinal);
        Assert.True(plan >= 0 && plan < check && check < run.Stderr.IndexOf("::endgroup::", plan, StringComparison.Ordinal), run.Stderr);
        Assert.DoesNotContain("\u001b[", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_project_in_wait_mode_as_Jenkins_writes_junit_and_the_report()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        Stream(sim);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var project = Path.Combine(_dir, "HelloWeb");
        Directory.CreateDirectory(project);
        foreach (var file in new[] { "HelloWeb.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb", file), Path.Combine(project, file));
        }

        var (junit, report) = (Path.Combine(_dir, "junit.xml"), Path.Combine(_dir, "release.json"));
        var run = await tool.RunAsync(
            new Dictionary<string, string> { ["JENKINS_URL"] = "https://jenkins.example/", ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? _dir },
            _dir,
            "release", "--image", $"{TestServices.Registry}/samples/rel-sdk-{Guid.NewGuid():N}:v1", "--project", "HelloWeb", "--base-image", await BaseImages.DotnetAsync(),
            "--stream", "example:latest", "--workload", "deployment/example", "--trigger", "wait",
            "--insecure-registry", TestServices.Registry, "--kubeconfig", sim.Kubeconfig, "--timeout", "5m", "--junit", junit, "--report", report, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("succeeded", (string?)doc["status"]);
        Assert.Equal(doc.ToJsonString(), JsonNode.Parse(File.ReadAllText(report))!.ToJsonString());
        Assert.Equal((string?)doc["pullSpec"], Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        var testcase = Assert.Single(suite.Elements("testcase"));
        Assert.Equal(("deployment/example", "imageroll.default"), ((string?)testcase.Attribute("name"), (string?)testcase.Attribute("classname")));
        Assert.Null(testcase.Element("failure"));
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.DoesNotContain("::", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_rollout_as_Jenkins_is_a_junit_failure_carrying_the_evidence()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        Stream(sim);
        var crashy = Workloads.Deployment("crashy", Workloads.WebTrigger);
        crashy["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["simulator.imageroll.dev/readiness"] = "fail" };
        Workloads.Put(sim, ResourceTypes.Deployments, crashy);
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/rel-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var junit = Path.Combine(_dir, "junit.xml");

        var run = await tool.RunAsync(
            new Dictionary<string, string> { ["JENKINS_URL"] = "https://jenkins.example/" },
            _dir,
            "release", "--image", image, "--stream", "example:latest", "--workload", "deployment/crashy", "--trigger", "patch", "--grace-period", "2s",
            "--insecure-registry", TestServices.Registry, "--kubeconfig", sim.Kubeconfig, "--timeout", "2m", "--junit", junit);

        Assert.True(run.ExitCode == 4, run.Stderr);
        Assert.Matches(@"error IR4\d{3}: ", run.Stderr);
        var testcase = Assert.Single(XDocument.Load(junit).Root!.Element("testsuite")!.Elements("testcase"));
        Assert.Equal("deployment/crashy", (string?)testcase.Attribute("name"));
        var failure = testcase.Element("failure")!;
        Assert.Equal("RolloutFailed", (string?)failure.Attribute("type"));
        Assert.Contains("evidence: pod crashy-", failure.Value, StringComparison.Ordinal);
        Assert.Contains("Readiness probe failed", failure.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issue_command_line_works_as_written_and_under_GitHub_Actions()
    {
        await using var sim = await OpenShiftSim.StartAsync("image-trigger");
        Stream(sim);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        // The connection settings come from IMAGEROLL_* variables, so the command line is exactly the documented one.
        var connection = new Dictionary<string, string> { ["IMAGEROLL_KUBECONFIG"] = sim.Kubeconfig, ["IMAGEROLL_INSECURE_REGISTRY"] = TestServices.Registry };
        foreach (var github in new[] { false, true })
        {
            var image = await TestImages.PushAsync(TestServices.Registry, $"apps/rel-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
            var junit = Path.Combine(_dir, $"junit-{github}.xml");
            var outputs = Path.Combine(_dir, $"outputs-{github}");
            var env = new Dictionary<string, string>(connection);
            if (github)
            {
                (env["GITHUB_ACTIONS"], env["GITHUB_OUTPUT"], env["GITHUB_STEP_SUMMARY"]) = ("true", outputs, Path.Combine(_dir, "summary.md"));
            }

            var run = await tool.RunAsync(env, _dir,
                "release", "--image", image, "--stream", "example:latest", "--workload", "deployment/example", "--trigger", "patch", "--junit", junit);

            Assert.True(run.ExitCode == 0, $"github={github}\n{run.Stderr}");
            Assert.Equal(image, Workloads.Image(sim.Get(ResourceTypes.Deployments, "example")));
            Assert.Equal(image, run.Stdout.TrimEnd().Split('\n')[^1]);
            var testcase = Assert.Single(XDocument.Load(junit).Root!.Element("testsuite")!.Elements("testcase"));
            Assert.Null(testcase.Element("failure"));
            Assert.Equal(github, File.Exists(outputs));
            if (github)
            {
                Assert.Equal(image, Outputs(File.ReadAllText(outputs))["image"]);
                AssertMaskedBeforeUse(run.Stderr, KubeToken(sim));
            }
            else
            {
                Assert.DoesNotContain("::", run.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Dry_run_changes_nothing_in_the_registry_or_the_cluster()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        Stream(sim);
        Workloads.Put(sim, ResourceTypes.Deployments, Workloads.Deployment());
        var layout = Path.Combine(_dir, "layout");
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var repository = $"apps/dry-{Guid.NewGuid():N}";
        // The deployment controller's first sync writes the revision annotation (and status, events, a ReplicaSet and
        // pods follow): snapshot after it, and only what a release could write.
        await sim.WaitForAsync(ResourceTypes.Deployments, "example",
            d => d["metadata"]?["annotations"]?["deployment.kubernetes.io/revision"] is not null && (long?)d["status"]?["observedGeneration"] == (long?)d["metadata"]?["generation"],
            "the deployment controller's first sync");
        var before = Snapshot(sim);

        var run = await tool.RunAsync(new Dictionary<string, string>(), _dir,
            "release", "--image", $"{TestServices.Registry}/{repository}:v1", "--archive", layout, "--stream", "example:latest", "--trigger", "patch", "--dry-run",
            "--insecure-registry", TestServices.Registry, "--kubeconfig", sim.Kubeconfig, "-o", "json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("planned", (string?)doc["status"]);
        Assert.Contains(doc["plan"]!["workloads"]!.AsArray(), w => (string?)w!["workload"] == "deployment/example");
        Assert.Equal(before, Snapshot(sim));
        Assert.Empty(await Release.ReleaseHarness.TagsAsync(repository));
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method != "GET" && !r.Path.Contains("selfsubjectaccessreviews", StringComparison.Ordinal));
    }

    private static void Stream(OpenShiftSim sim) =>
        sim.Create(ResourceTypes.ImageStreams, """{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"example"}}""");

    /// <summary>
    /// What a release could write, by object: every image stream and workload there is (a created one shows as a new
    /// name) with its generation, labels, annotations and spec. Status, events, ReplicaSets and pods are the
    /// controllers' writes and move on their own; any write by the dry run itself is also caught by the request log
    /// (only GETs and access reviews).
    /// </summary>
    private static Dictionary<string, string> Snapshot(OpenShiftSim sim) =>
        new[] { ResourceTypes.ImageStreams, ResourceTypes.Deployments, ResourceTypes.StatefulSets, ResourceTypes.DaemonSets, ResourceTypes.CronJobs, ResourceTypes.DeploymentConfigs }
            .SelectMany(t => sim.Store.List(t, null).Items.Select(i => (
                $"{t.Plural}/{(string?)i["metadata"]!["namespace"]}/{(string?)i["metadata"]!["name"]}",
                $"{i["metadata"]!["generation"]?.ToJsonString()}|{i["metadata"]!["labels"]?.ToJsonString()}|{i["metadata"]!["annotations"]?.ToJsonString()}|{i["spec"]?.ToJsonString()}")))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The heredoc entries of a $GITHUB_OUTPUT file: name&lt;&lt;DELIMITER, value, DELIMITER.</summary>
    private static Dictionary<string, string> Outputs(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in HeredocEntry().Matches(text))
        {
            values[m.Groups["name"].Value] = m.Groups["value"].Value;
        }

        return values;
    }

    private static string KubeToken(OpenShiftSim sim) => Regex.Match(File.ReadAllText(sim.Kubeconfig), @"token:\s*""?(?<t>[^""\s]+)").Groups["t"].Value;

    /// <summary>The secret is announced with ::add-mask:: and appears nowhere else in the log.</summary>
    private static void AssertMaskedBeforeUse(string stderr, string secret)
    {
        Assert.False(string.IsNullOrEmpty(secret));
        var lines = stderr.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains($"::add-mask::{secret}", lines);
        Assert.All(lines.Where(l => l.Contains(secret, StringComparison.Ordinal)), l => Assert.Equal($"::add-mask::{secret}", l));
    }

    private static int Count(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    [GeneratedRegex(@"^(?<name>[a-z-]+)<<(?<d>ghadelimiter_[0-9a-f-]+)\n(?<value>.*?)\n\k<d>$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex HeredocEntry();
}
