using ImageRoll.ClusterSimulator.Controllers;
using ImageRoll.ClusterSimulator.Http;

namespace ImageRoll.ClusterSimulator;

/// <summary>How to start a <see cref="SimulatedCluster"/>.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>HTTPS with a generated CA and bearer-token auth (true), or plain HTTP without auth (false).</summary>
    public bool Https { get; init; } = true;

    /// <summary>Names of controllers from <see cref="ControllerCatalog"/> not to run.</summary>
    public IReadOnlyCollection<string> DisabledControllers { get; init; } = [];

    /// <summary>Extra controllers to run (tests' own), after the catalog's.</summary>
    public IReadOnlyList<ISimulatorController> AdditionalControllers { get; init; } = [];

    /// <summary>Namespaces that exist at start ("default" always does).</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = ["default", "kube-system", "kube-public"];

    /// <summary>Events kept for watches that resume from a resourceVersion; older ones get 410 Expired.</summary>
    public int WatchHistory { get; init; } = 2000;

    /// <summary>How often a watch with allowWatchBookmarks=true receives a BOOKMARK.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a watch stays open when the client sends no timeoutSeconds.</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The integrated registry's service host, used for ImageStream status.dockerImageRepository.</summary>
    public string InternalRegistryHostname { get; init; } = "image-registry.openshift-image-registry.svc:5000";

    /// <summary>
    /// The real registry (HOST:PORT, plain HTTP) behind the cluster's integrated registry; null: no integrated
    /// registry runs (docs/simulator.md, "The integrated registry").
    /// </summary>
    public string? IntegratedRegistryBackend { get; init; }

    /// <summary>Clock for timestamps (and controllers that honour it).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>User of <see cref="SimulatedCluster.RestrictedToken"/>.</summary>
    public string RestrictedUser { get; init; } = "system:serviceaccount:ci:builder";

    /// <summary>
    /// What the restricted user may do, besides get/list/watch on everything (which it always may). Default:
    /// write image streams, image stream tags and imports; nothing else.
    /// </summary>
    public Func<ApiRequest, bool> RestrictedUserAllows { get; init; } = DefaultRestrictedPolicy;

    /// <summary>Overrides of the virtual resource and subresource handlers (null = the built-in basic ones).</summary>
    public IApiHandler? ImageStreamTagHandler { get; init; }

    public IApiHandler? ImageStreamImportHandler { get; init; }

    public IApiHandler? InstantiateHandler { get; init; }

    /// <summary>Node count and delays of the workload controllers and the kubelet stand-in (docs/simulator-controllers.md).</summary>
    public Controllers.Core.ControllerTimings Timings { get; init; } = new();

    /// <summary>
    /// Which kubelet runs the pods: the stand-in (default, fast: nothing runs) or <see cref="KubeletMode.Docker"/>
    /// (real containers through <see cref="DockerHost"/>, ports published on 127.0.0.1; docs/simulator-controllers.md).
    /// </summary>
    public Controllers.Kubelet.KubeletMode Kubelet { get; init; } = Controllers.Kubelet.KubeletMode.StandIn;

    /// <summary>The Docker daemon of the docker kubelet: a unix socket (<c>unix:///var/run/docker.sock</c>).</summary>
    public string DockerHost { get; init; } = "unix:///var/run/docker.sock";

    /// <summary>Writes a line per request to stderr.</summary>
    public bool LogRequests { get; init; }

    public static bool DefaultRestrictedPolicy(ApiRequest request) =>
        request.Type.Group == "image.openshift.io";
}
