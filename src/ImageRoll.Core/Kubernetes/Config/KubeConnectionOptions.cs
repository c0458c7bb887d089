namespace ImageRoll.Kubernetes;

/// <summary>What the user chose on the command line or in MSBuild: <c>--kubeconfig</c>, <c>--context</c>, <c>-n</c>.</summary>
public sealed record KubeConnectionOptions(string? KubeconfigPath = null, string? Context = null, string? Namespace = null);
