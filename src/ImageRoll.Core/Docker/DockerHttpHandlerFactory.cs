using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageRoll.Util;

namespace ImageRoll.Docker;

/// <summary>
/// Builds the HttpMessageHandler for a daemon endpoint: a unix socket through SocketsHttpHandler.ConnectCallback, or
/// TCP, optionally TLS with the client certificate from DOCKER_CERT_PATH (cert.pem + key.pem) and the daemon's
/// certificate verified against ca.pem only (docker/go-connections tlsconfig: the CA file replaces the system roots).
/// </summary>
internal static class DockerHttpHandlerFactory
{
    public static HttpMessageHandler Create(DockerConnectionOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Build and push responses stream for minutes; the per-request timeout is the caller's token.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,
            UseProxy = false,
        };

        if (options.Endpoint.SocketPath is { } socketPath)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        if (options.UseTls)
        {
            handler.SslOptions = CreateSslOptions(options);
        }

        return handler;
    }

    /// <summary>The base address requests are relative to (the host part is ignored for a unix socket).</summary>
    public static Uri BaseAddress(DockerConnectionOptions options) => options.Endpoint.IsUnixSocket
        ? new Uri("http://docker.sock/")
        : new UriBuilder(options.UseTls ? "https" : "http", options.Endpoint.Host, options.Endpoint.Port).Uri;

    private static SslClientAuthenticationOptions CreateSslOptions(DockerConnectionOptions options)
    {
        var dir = options.CertPath ?? string.Empty;
        var caFile = Path.Combine(dir, "ca.pem");
        var certFile = Path.Combine(dir, "cert.pem");
        var keyFile = Path.Combine(dir, "key.pem");
        var ssl = new SslClientAuthenticationOptions();

        // docker/cli only loads a client certificate when both files exist; a daemon started with --tlsverify then
        // rejects the handshake, which surfaces as "unreachable" with the TLS hint.
        if (File.Exists(certFile) && File.Exists(keyFile))
        {
            try
            {
                using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                // Re-import so the private key is usable by SslStream on every platform.
#pragma warning disable SYSLIB0057 // X509CertificateLoader is .NET 9+; the engine targets net8.0.
                var cert = new X509Certificate2(pem.Export(X509ContentType.Pkcs12));
#pragma warning restore SYSLIB0057
                ssl.ClientCertificates = new X509CertificateCollection { cert };
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ImageRollException(DockerErrors.TlsMaterial, FailureKind.BadInput,
                    $"The Docker client certificate {certFile} with key {keyFile} cannot be loaded: {ex.Message}",
                    "DOCKER_CERT_PATH must name a folder holding PEM files ca.pem, cert.pem and key.pem.", ex);
            }
        }
        else if (options.VerifyServer)
        {
            throw new ImageRollException(DockerErrors.TlsMaterial, FailureKind.BadInput,
                $"DOCKER_TLS_VERIFY is set but {certFile} or {keyFile} does not exist.",
                "Point DOCKER_CERT_PATH at the folder holding ca.pem, cert.pem and key.pem (default ~/.docker).");
        }

        if (!options.VerifyServer)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return ssl;
        }

        if (!File.Exists(caFile))
        {
            throw new ImageRollException(DockerErrors.TlsMaterial, FailureKind.BadInput,
                $"DOCKER_TLS_VERIFY is set but the CA file {caFile} does not exist.",
                "Point DOCKER_CERT_PATH at the folder holding ca.pem, cert.pem and key.pem (default ~/.docker).");
        }

        var trust = new X509Certificate2Collection();
        trust.ImportFromPemFile(caFile);
        ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null)
            {
                return false;
            }

            // Name mismatch is still an error; only the chain is re-evaluated against ca.pem alone.
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            return CustomRootChain.Verifies(certificate, trust);
        };
        return ssl;
    }
}
