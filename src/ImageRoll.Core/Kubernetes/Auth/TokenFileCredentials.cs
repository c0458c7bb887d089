using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace ImageRoll.Kubernetes;

/// <summary>
/// A bearer token read from a file (kubeconfig <c>tokenFile</c>, the in-cluster service account token). The kubelet
/// rotates projected service account tokens by swapping the file, so the file is read again whenever its modification
/// time or size changes, at least once a minute (client-go's cachingTokenSource re-reads every minute:
/// staging/src/k8s.io/client-go/transport/token_source.go), and after a 401.
/// </summary>
public sealed class TokenFileCredentials : IKubeCredentials
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly string _path;
    private readonly string _field;
    private readonly X509Certificate2? _clientCertificate;
    private readonly Func<DateTimeOffset> _now;
    private readonly object _gate = new();
    private (DateTime Mtime, long Size, DateTimeOffset ReadAt, KubeAuth Auth)? _cached;

    /// <param name="path">The token file.</param>
    /// <param name="field">How the kubeconfig names it (e.g. <c>users[ci].tokenFile in /home/x/.kube/config</c>) for messages.</param>
    public TokenFileCredentials(string path, string field, X509Certificate2? clientCertificate = null, Func<DateTimeOffset>? now = null)
    {
        _path = path;
        _field = field;
        _clientCertificate = clientCertificate;
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public string Description => "token file";

    public ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var info = new FileInfo(_path);
            if (!info.Exists)
            {
                throw new ImageRollException(KubeconfigErrors.FileUnreadable, FailureKind.BadInput,
                    $"The token file '{_path}' ({_field}) does not exist.",
                    "Point tokenFile at an existing file, or for in-cluster use mount the service account token (automountServiceAccountToken).");
            }

            var mtime = info.LastWriteTimeUtc;
            var t = _now();
            if (_cached is { } c && c.Mtime == mtime && c.Size == info.Length && t - c.ReadAt < MaxAge)
            {
                return ValueTask.FromResult(c.Auth);
            }

            string token;
            try
            {
                token = File.ReadAllText(_path).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ImageRollException(KubeconfigErrors.FileUnreadable, FailureKind.BadInput,
                    $"The token file '{_path}' ({_field}) cannot be read: {ex.Message}", "Make the file readable by the user running ImageRoll.", ex);
            }

            if (token.Length == 0)
            {
                throw new ImageRollException(KubeconfigErrors.FileUnreadable, FailureKind.BadInput,
                    $"The token file '{_path}' ({_field}) is empty.", "Write the bearer token into the file, or remove tokenFile.");
            }

            var auth = new KubeAuth(new AuthenticationHeaderValue("Bearer", token), _clientCertificate);
            _cached = (mtime, info.Length, t, auth);
            return ValueTask.FromResult(auth);
        }
    }

    public bool Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }

        return true;
    }
}
