namespace ImageRoll.Kubernetes;

/// <summary>
/// A resolved connection: the server, how to trust it, who to be, and the default namespace. <see cref="Source"/> says
/// where it came from (the kubeconfig file(s) or <c>in-cluster</c>) and <see cref="ContextName"/> names the context, so
/// errors can say which configuration to fix.
/// </summary>
public sealed record KubeClusterConfig(
    Uri Server,
    string ContextName,
    string Namespace,
    string Source,
    KubeTlsSettings Tls,
    IKubeCredentials Credentials,
    string? UserName = null);
