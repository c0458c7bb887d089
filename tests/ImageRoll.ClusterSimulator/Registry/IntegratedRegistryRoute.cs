namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// How the cluster's own components reach the integrated registry: its service name (what image streams and pods
/// name) resolves to the front on 127.0.0.1, as the cluster's DNS resolves the service; <see cref="Token"/> is the
/// credential the node pulls with (a real node uses the pod's service-account pull secret).
/// </summary>
public sealed record IntegratedRegistryRoute(string InternalHostname, string Host, string Token);
