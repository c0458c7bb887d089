using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>The docker kubelet's pure rules, without a daemon: expansion, back-off, probe specs, the create body.</summary>
public sealed class DockerKubeletRulesTests
{
    [Theory]
    [InlineData("$(A) and $(B)", "1 and $(B)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("cost: $$5", "cost: $5")]
    [InlineData("$(A", "$(A")]
    [InlineData("$()", "$()")]
    [InlineData("x$", "x$")]
    [InlineData("$A", "$A")]
    public void Variable_references_expand_as_the_kubelet_expands_them(string input, string expected) =>
        Assert.Equal(expected, VariableExpansion.Expand(input, name => name == "A" ? "1" : null));

    [Fact]
    public void Crash_back_off_doubles_from_the_first_step_and_names_the_real_kubelets_step()
    {
        var start = DateTimeOffset.UnixEpoch;
        var backOff = new KubeletBackOff(TimeSpan.FromSeconds(1));
        Assert.False(backOff.IsInBackOffSince(start, start));

        var steps = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            backOff.Next(start);
            steps.Add(backOff.RealText());
        }

        Assert.Equal(["10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"], steps);
        Assert.Equal(TimeSpan.FromSeconds(30), backOff.Current);
        Assert.True(backOff.IsInBackOffSince(start.AddSeconds(1), start.AddSeconds(30)));
        Assert.False(backOff.IsInBackOffSince(start.AddSeconds(1), start.AddSeconds(31)));

        // Quiet for more than twice the cap: the next failure starts over at the first step.
        backOff.Next(start.AddMinutes(2));
        Assert.Equal(TimeSpan.FromSeconds(1), backOff.Current);
    }

    [Fact]
    public void Probe_specs_get_the_API_defaults_and_resolve_named_ports()
    {
        var container = JsonNode.Parse("""
            {"name":"web","ports":[{"name":"http","containerPort":8080}],
             "readinessProbe":{"httpGet":{"path":"healthz","port":"http","scheme":"HTTPS","httpHeaders":[{"name":"X-A","value":"1"}]}},
             "livenessProbe":{"tcpSocket":{"port":"metrics"},"periodSeconds":5,"failureThreshold":1},
             "startupProbe":{"exec":{"command":["cat","/tmp/ok"]},"initialDelaySeconds":2}}
            """)!.AsObject();

        var readiness = ProbeSpec.Parse(container, "readinessProbe")!;
        var liveness = ProbeSpec.Parse(container, "livenessProbe")!;
        var startup = ProbeSpec.Parse(container, "startupProbe")!;

        Assert.Equal((ProbeAction.HttpGet, 8080, "/healthz", "https", 10, 1, 1, 3), (readiness.Action, readiness.Port, readiness.Path, readiness.Scheme, readiness.PeriodSeconds, readiness.TimeoutSeconds, readiness.SuccessThreshold, readiness.FailureThreshold));
        Assert.Equal([new KeyValuePair<string, string>("X-A", "1")], readiness.Headers);
        Assert.Equal("port metrics not found", liveness.PortError);
        Assert.Equal((5, 1), (liveness.PeriodSeconds, liveness.FailureThreshold));
        Assert.Equal((ProbeAction.Exec, 2), (startup.Action, startup.InitialDelaySeconds));
        Assert.Equal(["cat", "/tmp/ok"], startup.Command);
        Assert.Null(ProbeSpec.Parse(container, "nosuchProbe"));
    }

    [Fact]
    public void Probe_results_flip_only_after_their_thresholds_and_a_failed_liveness_probe_holds()
    {
        var start = DateTimeOffset.UnixEpoch;
        var spec = new ProbeSpec { Action = ProbeAction.TcpSocket, Port = 80, SuccessThreshold = 2, FailureThreshold = 2, InitialDelaySeconds = 3, PeriodSeconds = 4 };
        var readiness = new ProbeState("Readiness", spec, initialResult: false, start);
        Assert.Equal(start.AddSeconds(3), readiness.NextAt);

        Assert.False(readiness.Record(ProbeVerdict.Success, start.AddSeconds(3)));
        Assert.Equal(start.AddSeconds(7), readiness.NextAt);
        Assert.True(readiness.Record(ProbeVerdict.Success, start.AddSeconds(7)));
        Assert.True(readiness.Result);
        Assert.False(readiness.Record(ProbeVerdict.Failure, start.AddSeconds(11)));
        Assert.False(readiness.Record(ProbeVerdict.Error, start.AddSeconds(15)));
        Assert.True(readiness.Record(ProbeVerdict.Failure, start.AddSeconds(19)));
        Assert.False(readiness.Result);
        Assert.False(readiness.OnHold);

        var liveness = new ProbeState("Liveness", spec, initialResult: true, start);
        liveness.Record(ProbeVerdict.Failure, start);
        liveness.Record(ProbeVerdict.Failure, start);
        Assert.True(liveness.OnHold);
    }

    [Fact]
    public void The_create_body_maps_command_to_Entrypoint_args_to_Cmd_and_publishes_ports_on_loopback()
    {
        var pod = JsonNode.Parse("""{"metadata":{"name":"web-1","namespace":"default"},"spec":{"securityContext":{"runAsUser":1000}}}""")!.AsObject();
        var container = JsonNode.Parse("""{"name":"web","command":["sh","-c"],"args":["echo $(GREETING) $(HOME)"],"workingDir":"/srv","securityContext":{"runAsGroup":3}}""")!.AsObject();

        var body = ContainerCreateBody.Build(pod, container, "127.0.0.1:5000/app@sha256:1", [new("GREETING", "hi")],
            new Dictionary<int, int?> { [8080] = null, [9090] = 41234 }, new Dictionary<string, string> { ["imageroll.simulator"] = "x" });

        Assert.Equal("""["sh","-c"]""", body["Entrypoint"]!.ToJsonString());
        Assert.Equal("""["echo hi $(HOME)"]""", body["Cmd"]!.ToJsonString());
        Assert.Equal("""["GREETING=hi"]""", body["Env"]!.ToJsonString());
        Assert.Equal(("/srv", "1000:3", "web-1"), ((string?)body["WorkingDir"], (string?)body["User"], (string?)body["Hostname"]));
        Assert.Equal("""[{"HostIp":"127.0.0.1","HostPort":""}]""", body["HostConfig"]!["PortBindings"]!["8080/tcp"]!.ToJsonString());
        Assert.Equal("""[{"HostIp":"127.0.0.1","HostPort":"41234"}]""", body["HostConfig"]!["PortBindings"]!["9090/tcp"]!.ToJsonString());
        Assert.Equal("no", (string?)body["HostConfig"]!["RestartPolicy"]!["Name"]);

        var argsOnly = ContainerCreateBody.Build(pod, JsonNode.Parse("""{"name":"web","args":["serve"]}""")!.AsObject(), "img", [], new Dictionary<int, int?>(), new Dictionary<string, string>());
        Assert.Null(argsOnly["Entrypoint"]);
        Assert.Equal("""["serve"]""", argsOnly["Cmd"]!.ToJsonString());
    }

    [Fact]
    public void Owners_are_alive_only_while_the_same_process_runs()
    {
        Assert.True(ContainerOwner.IsAlive(ContainerOwner.Current));
        var pid = ContainerOwner.Current[..ContainerOwner.Current.IndexOf('/', StringComparison.Ordinal)];
        Assert.False(ContainerOwner.IsAlive($"{pid}/1"));
        Assert.False(ContainerOwner.IsAlive("999999999/1"));
        Assert.False(ContainerOwner.IsAlive("garbage"));
    }
}
