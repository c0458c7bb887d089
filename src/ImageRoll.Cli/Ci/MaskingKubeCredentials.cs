using System.Text;
using ImageRoll.Kubernetes;

namespace ImageRoll.Cli.Ci;

/// <summary>
/// The API server credentials (kubeconfig token or basic auth, token file, exec plugin, in-cluster service account)
/// pass through here: each Authorization value is masked before the request that carries it is sent.
/// </summary>
public sealed class MaskingKubeCredentials(IKubeCredentials inner, SecretMasker masker) : IKubeCredentials
{
    public string Description => inner.Description;

    public async ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken)
    {
        var auth = await inner.GetAsync(cancellationToken).ConfigureAwait(false);
        if (auth.Authorization is { Parameter: { Length: > 0 } parameter } header)
        {
            masker.Seen(parameter);
            if (string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && TryDecode(parameter) is { } userPass)
            {
                var colon = userPass.IndexOf(':', StringComparison.Ordinal);
                masker.Seen(colon >= 0 ? userPass[(colon + 1)..] : userPass);
            }
        }

        return auth;
    }

    public bool Invalidate() => inner.Invalidate();

    private static string? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var n) ? Encoding.UTF8.GetString(buffer, 0, n) : null;
    }
}
