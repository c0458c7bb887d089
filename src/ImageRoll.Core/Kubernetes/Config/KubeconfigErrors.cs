namespace ImageRoll.Kubernetes;

/// <summary>
/// The IR30xx codes of the kubeconfig, in-cluster config and client credentials; all are bad input (exit 2),
/// found before the first request.
/// </summary>
public static class KubeconfigErrors
{
    /// <summary>The kubeconfig named is a folder or does not exist.</summary>
    public const string KubeconfigNotAFile = "IR3000";

    /// <summary>No kubeconfig anywhere, and not running in a pod.</summary>
    public const string NoKubeconfig = "IR3001";

    /// <summary>The kubeconfig is not valid YAML.</summary>
    public const string KubeconfigNotYaml = "IR3002";

    /// <summary>The context is not defined in the kubeconfig.</summary>
    public const string NoSuchContext = "IR3003";

    /// <summary>No current-context in the kubeconfig and no --context.</summary>
    public const string NoCurrentContext = "IR3004";

    /// <summary>The context names a cluster the kubeconfig does not define.</summary>
    public const string NoSuchCluster = "IR3005";

    /// <summary>The context names a user the kubeconfig does not define.</summary>
    public const string NoSuchUser = "IR3006";

    /// <summary>The cluster's server is missing or not an http(s) URL.</summary>
    public const string BadServer = "IR3007";

    /// <summary>A -data field of the kubeconfig is not valid base64.</summary>
    public const string BadBase64 = "IR3008";

    /// <summary>A file the kubeconfig names does not exist or cannot be read.</summary>
    public const string FileUnreadable = "IR3009";

    /// <summary>A certificate or key field does not hold PEM.</summary>
    public const string NotPem = "IR3010";

    /// <summary>A client certificate without its key, or a key without its certificate.</summary>
    public const string CertificateWithoutKey = "IR3011";

    /// <summary>The exec credential plugin was not found or cannot run.</summary>
    public const string ExecPluginNotRunnable = "IR3012";

    /// <summary>The exec credential plugin exited non-zero.</summary>
    public const string ExecPluginFailed = "IR3013";

    /// <summary>The credential plugin's output is not a valid ExecCredential.</summary>
    public const string BadExecCredential = "IR3014";

    /// <summary>The exec section is incomplete or unsupported (no command, old apiVersion, interactiveMode).</summary>
    public const string BadExecConfig = "IR3015";

    /// <summary>An auth-provider without an id-token: there are no built-in providers, as in kubectl 1.26+.</summary>
    public const string AuthProviderUnsupported = "IR3016";

    /// <summary>In a pod, but the service account token or the KUBERNETES_SERVICE_* address is missing.</summary>
    public const string InClusterIncomplete = "IR3017";

    /// <summary>The kubeconfig file cannot be read.</summary>
    public const string KubeconfigUnreadable = "IR3018";

    /// <summary>A user sets both a token and a username/password.</summary>
    public const string TokenAndBasicAuth = "IR3019";
}
