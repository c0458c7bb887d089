using System.Globalization;
using ImageRoll.ClusterSimulator.Controllers.Kubelet;

namespace ImageRoll.ClusterSimulator.Hosting;

/// <summary>Command line of the simulator host.</summary>
public sealed record HostArguments(SimulatorOptions Options, string? KubeconfigOut, string? RestrictedKubeconfigOut, bool Help)
{
    public const string Usage =
        "usage: ImageRoll.ClusterSimulator [--port N] [--kubeconfig-out PATH] [--restricted-kubeconfig-out PATH]\n" +
        "                                  [--disable-controller NAME]... [--http] [--log-requests]\n" +
        "                                  [--node-count N] [--readiness-delay D] [--image-pull-backoff D] [--crash-loop-backoff D]\n" +
        "                                  [--kubelet stand-in|docker] [--docker-host unix:///var/run/docker.sock]\n" +
        "                                  [--integrated-registry HOST:PORT]";

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        var disabled = new List<string>();
        string? kubeconfig = null, restricted = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--port":
                    var text = Value();
                    options = options with { Port = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : throw new ArgumentException($"--port: '{text}' is not a port number") };
                    break;
                case "--kubeconfig-out":
                    kubeconfig = Value();
                    break;
                case "--restricted-kubeconfig-out":
                    restricted = Value();
                    break;
                case "--disable-controller":
                    disabled.Add(Value());
                    break;
                case "--http":
                    options = options with { Https = false };
                    break;
                case "--node-count":
                    var nodes = Value();
                    options = options with { Timings = options.Timings with { NodeCount = int.TryParse(nodes, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"--node-count: '{nodes}' is not a positive number") } };
                    break;
                case "--readiness-delay":
                    options = options with { Timings = options.Timings with { ReadinessDelay = Duration(args[i], Value()) } };
                    break;
                case "--image-pull-backoff":
                    options = options with { Timings = options.Timings with { ImagePullBackOff = Duration(args[i], Value()) } };
                    break;
                case "--crash-loop-backoff":
                    options = options with { Timings = options.Timings with { CrashLoopBackOff = Duration(args[i], Value()) } };
                    break;
                case "--kubelet":
                    var kubelet = Value();
                    options = options with
                    {
                        Kubelet = kubelet switch
                        {
                            "stand-in" => KubeletMode.StandIn,
                            "docker" => KubeletMode.Docker,
                            _ => throw new ArgumentException($"--kubelet: '{kubelet}' is not a kubelet (use stand-in or docker)"),
                        },
                    };
                    break;
                case "--docker-host":
                    var host = Value();
                    _ = Controllers.Kubelet.Docker.DockerApi.SocketPathOf(host);
                    options = options with { DockerHost = host };
                    break;
                case "--integrated-registry":
                    options = options with { IntegratedRegistryBackend = Value() };
                    break;
                case "--log-requests":
                    options = options with { LogRequests = true };
                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return new HostArguments(options with { DisabledControllers = disabled }, kubeconfig, restricted, help);
    }

    private static TimeSpan Duration(string flag, string text) =>
        Controllers.Core.SimDuration.TryParse(text, out var d) ? d : throw new ArgumentException($"{flag}: '{text}' is not a duration such as 500ms or 2s");
}
