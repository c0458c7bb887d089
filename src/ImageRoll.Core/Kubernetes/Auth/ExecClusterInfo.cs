namespace ImageRoll.Kubernetes;

/// <summary>What an exec plugin with <c>provideClusterInfo: true</c> is told about the cluster (KUBERNETES_EXEC_INFO spec.cluster).</summary>
internal sealed record ExecClusterInfo(Uri Server, ClusterEntry Cluster, byte[]? CertificateAuthorityData);
