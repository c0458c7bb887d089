using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageRoll.Net;
using ImageRoll.Util;

namespace ImageRoll.Registry;

/// <summary>
/// The HTTP stack of one registry host: TLS verification always on, extra roots from <c>--registry-ca</c> through
/// custom trust, and unverified TLS only for a host the user named with <c>--insecure-registry</c>.
/// </summary>
internal static class RegistryTransport
{
    public static HttpMessageHandler CreateHandler(RegistryHostPolicy policy, NetworkBounds bounds)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = true,
            UseCookies = false,
        };
        ConnectionPhases.Apply(handler, bounds);
        var extraRoots = policy.CaBundlePath is null ? null : LoadCaBundle(policy.CaBundlePath);
        if (policy.Insecure || extraRoots is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (policy.Insecure && sender is SslStream stream && SameHost(stream.TargetHostName, policy.Host))
                {
                    return true;
                }

                return extraRoots is not null && errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null
                    && CustomRootChain.Verifies(certificate, extraRoots, chain);
            };
        }

        return handler;
    }

    public static bool IsTlsFailure(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException;

    public static X509Certificate2Collection LoadCaBundle(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImageRollException(RegistryErrors.BadCaBundle, FailureKind.BadInput,
                $"--registry-ca '{path}' is a directory, not a PEM file.",
                "Name the PEM file of the CA certificate(s) inside it, e.g. --registry-ca " + Path.Combine(path, "ca.crt") + ".");
        }

        if (!File.Exists(path))
        {
            throw new ImageRollException(RegistryErrors.BadCaBundle, FailureKind.BadInput,
                $"--registry-ca '{path}' does not exist.",
                "Pass the PEM file holding the CA certificate(s) that signed the registry's certificate.");
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ImageRollException(RegistryErrors.BadCaBundle, FailureKind.BadInput,
                $"--registry-ca '{path}' could not be read as PEM certificates: {ex.Message}",
                "Pass a PEM file holding the CA certificate(s) that signed the registry's certificate.", ex);
        }

        if (roots.Count == 0)
        {
            throw new ImageRollException(RegistryErrors.BadCaBundle, FailureKind.BadInput,
                $"--registry-ca '{path}' holds no PEM certificate.",
                "Pass a PEM file with at least one '-----BEGIN CERTIFICATE-----' block.");
        }

        return roots;
    }

    private static bool SameHost(string targetHost, string hostPort)
    {
        var host = hostPort.StartsWith('[') ? hostPort[1..hostPort.IndexOf(']', StringComparison.Ordinal)]
            : hostPort.Contains(':', StringComparison.Ordinal) ? hostPort[..hostPort.LastIndexOf(':')] : hostPort;
        return string.Equals(targetHost.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase);
    }
}
