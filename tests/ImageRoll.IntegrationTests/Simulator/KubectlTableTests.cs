using System.Text.RegularExpressions;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>
/// `kubectl get` prints the columns the real servers print (kubernetes pkg/printers/internalversion/printers.go,
/// openshift-apiserver pkg/image and pkg/apps printers): the simulator answers kubectl's Table Accept header.
/// </summary>
public sealed partial class KubectlTableTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture _fixture;

    public KubectlTableTests(SimulatorFixture fixture)
    {
        Kubectl.RequireInstalled();
        _fixture = fixture;
    }

    private Kubectl Admin => new(_fixture.AdminKubeconfig, _fixture.Directory);

    [Theory]
    [InlineData("deploy", "NAME|READY|UP-TO-DATE|AVAILABLE|AGE", "web|2/3|3|2")]
    [InlineData("rs", "NAME|DESIRED|CURRENT|READY|AGE", "web-5d4b7c9f8d|3|3|2")]
    [InlineData("sts", "NAME|READY|AGE", "db|1/2")]
    [InlineData("ds", "NAME|DESIRED|CURRENT|READY|UP-TO-DATE|AVAILABLE|NODE SELECTOR|AGE", "agent|1|1|0|1|0|<none>")]
    [InlineData("rc", "NAME|DESIRED|CURRENT|READY|AGE", "legacy-1|1|1|1")]
    [InlineData("controllerrevisions", "NAME|CONTROLLER|REVISION|AGE", "db-7b9f6c5d4|statefulset.apps/db|3")]
    [InlineData("is", "NAME|IMAGE REPOSITORY|TAGS|UPDATED", "example|image-registry.openshift-image-registry.svc:5000/NS/example|latest|5 minutes ago")]
    [InlineData("istag", "NAME|IMAGE REFERENCE|UPDATED", "example:latest|" + TableSamples.Image + "|5 minutes ago")]
    [InlineData("dc", "NAME|REVISION|DESIRED|CURRENT|TRIGGERED BY", "legacy|1|1|1|config,image(example:latest)")]
    [InlineData("events", "LAST SEEN|TYPE|REASON|OBJECT|MESSAGE", "|Normal|ScalingReplicaSet|deployment/web|Scaled up replica set web-5d4b7c9f8d from 0 to 3")]
    public async Task Get_prints_the_columns_of_the_real_servers(string resource, string header, string row)
    {
        var ns = _fixture.NewNamespace("table");
        TableSamples.Seed(_fixture.Cluster.Store, ns);

        var output = (await Admin.RunAsync("get", resource, "-n", ns)).EnsureSuccess("kubectl get " + resource);

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(header.Split('|'), Columns(lines[0]));
        var cells = Columns(lines[1]);
        var expected = row.Replace("NS", ns, StringComparison.Ordinal).Split('|');
        for (var i = 0; i < expected.Length; i++)
        {
            // An empty expectation skips a cell that depends on the clock (the events' LAST SEEN).
            if (expected[i].Length > 0)
            {
                Assert.Equal(expected[i], cells[i]);
            }
        }
    }

    [Fact]
    public async Task Get_wide_adds_the_priority_one_columns()
    {
        var ns = _fixture.NewNamespace("wide");
        TableSamples.Seed(_fixture.Cluster.Store, ns);

        var deploy = (await Admin.RunAsync("get", "deploy", "-n", ns, "-o", "wide")).EnsureSuccess("get deploy -o wide");
        var events = (await Admin.RunAsync("get", "events", "-n", ns, "-o", "wide")).EnsureSuccess("get events -o wide");

        var lines = deploy.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], Columns(lines[0]));
        Assert.Equal(["web", TableSamples.Image, "app=web"], Columns(lines[1])[5..]);
        var eventLines = events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"], Columns(eventLines[0]));
        Assert.Equal(["deployment-controller"], Columns(eventLines[1]).Where(c => c == "deployment-controller"));
        Assert.Equal(["4", "web.17a1b2c3d4e5f6a7"], Columns(eventLines[1])[^2..]);
    }

    [Fact]
    public async Task Get_pods_prints_the_status_the_kubelet_state_means()
    {
        var ns = _fixture.NewNamespace("pods");
        TableSamples.SeedPods(_fixture.Cluster.Store, ns);

        var output = (await Admin.RunAsync("get", "pods", "-n", ns)).EnsureSuccess("kubectl get pods");

        var lines = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], Columns(lines[0]));
        var rows = lines.Skip(1).Select(Columns).ToDictionary(c => c[0], c => c[1..4]);
        Assert.Equal(["0/1", "ImagePullBackOff", "0"], rows["pull-backoff"]);
        Assert.Equal(["0/1", "ErrImagePull", "0"], rows["err-pull"]);
        Assert.Equal(["0/1", "ContainerCreating", "0"], rows["creating"]);
        Assert.Equal(["0/1", "CrashLoopBackOff", "4 (30m ago)"], rows["crash"]);
        Assert.Equal(["1/1", "Running", "0"], rows["running"]);
        Assert.Equal(["0/1", "Completed", "0"], rows["done"]);
        Assert.Equal(["1/1", "Terminating", "0"], rows["stopping"]);
        Assert.Equal(["0/1", "Init:0/1", "0"], rows["init"]);
    }

    /// <summary>kubectl pads columns with at least three spaces; a header or cell may hold single spaces.</summary>
    private static string[] Columns(string line) => ColumnGap().Split(line.Trim());

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex ColumnGap();
}
