namespace ImageRoll.Kubernetes;

// The kubeconfig file as client-go's clientcmd/api/v1 types spell it (staging/src/k8s.io/client-go/tools/clientcmd/
// api/v1/types.go). Only what ImageRoll uses is named; unknown keys (preferences, extensions) are ignored.
// KubeconfigReader fills them from the YAML nodes (no reflection).
#pragma warning disable CA1002, CA2227 // Settable List properties, filled by the reader.

internal sealed class KubeconfigDocument
{
    public List<NamedEntry<ClusterEntry>>? Clusters { get; set; }

    public List<NamedEntry<UserEntry>>? Users { get; set; }

    public List<NamedEntry<ContextEntry>>? Contexts { get; set; }

    public string? CurrentContext { get; set; }
}

internal sealed class NamedEntry<T>
    where T : class
{
    public string? Name { get; set; }

    public T? Value { get; set; }
}

internal sealed class ClusterEntry
{
    public string? Server { get; set; }

    public string? CertificateAuthority { get; set; }

    public string? CertificateAuthorityData { get; set; }

    public bool InsecureSkipTlsVerify { get; set; }

    public string? TlsServerName { get; set; }

    public string? ProxyUrl { get; set; }

    public string SourceFile { get; set; } = string.Empty;
}

internal sealed class UserEntry
{
    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    public string? ClientCertificate { get; set; }

    public string? ClientCertificateData { get; set; }

    public string? ClientKey { get; set; }

    public string? ClientKeyData { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public ExecConfig? Exec { get; set; }

    public AuthProviderConfig? AuthProvider { get; set; }

    public string SourceFile { get; set; } = string.Empty;
}

internal sealed class ExecConfig
{
    public string? Command { get; set; }

    public List<string>? Args { get; set; }

    public List<ExecEnvVar>? Env { get; set; }

    public string? ApiVersion { get; set; }

    public string? InstallHint { get; set; }

    public bool ProvideClusterInfo { get; set; }

    public string? InteractiveMode { get; set; }
}

internal sealed class ExecEnvVar
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}

internal sealed class AuthProviderConfig
{
    public string? Name { get; set; }

    public Dictionary<string, string>? Config { get; set; }
}

internal sealed class ContextEntry
{
    public string? Cluster { get; set; }

    public string? User { get; set; }

    public string? Namespace { get; set; }

    public string SourceFile { get; set; } = string.Empty;
}
