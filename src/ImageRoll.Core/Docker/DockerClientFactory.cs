using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.NativeHttp;
using Docker.DotNet.Unix;
using Docker.DotNet.X509;
using ImageRoll.Util;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Docker;

/// <summary>
/// Builds a Docker.DotNet client for a daemon endpoint. A unix socket uses the package's Unix transport; TCP uses its
/// NativeHttp transport (SocketsHttpHandler: TLS 1.2 and 1.3, cancellable handshakes), never through a proxy and
/// never following redirects. TLS takes the client certificate from cert.pem + key.pem and checks the daemon's
/// certificate against ca.pem only (docker/go-connections tlsconfig: the CA file replaces the system roots).
/// </summary>
internal static class DockerClientFactory
{
    /// <summary>A client whose request paths carry <paramref name="apiVersion"/> (<c>/v1.41/...</c>), or none when null.</summary>
    public static DockerClient Create(DockerConnectionOptions options, Version? apiVersion, HttpMessageHandler? handler)
    {
        var builder = new DockerClientBuilder()
            .WithApiVersion(apiVersion)
            .WithEndpoint(Endpoint(options))

            // Build and push stream for minutes; the caller's token (the command's --timeout) bounds every request.
            .WithTimeout(Timeout.InfiniteTimeSpan)
            .WithAuthProvider(options.UseTls ? Tls(options) : null);

        if (handler is not null)
        {
            return builder.WithTransportOptions(FixedHandlerFactory.Instance, handler).Build();
        }

        return options.Endpoint.IsUnixSocket
            ? builder.WithTransportOptions(new UnixSocketTransportOptions { ConfigureHandler = h => h.UseProxy = false }).Build()
            : builder.WithTransportOptions(new NativeHttpTransportOptions
            {
                ConfigureHandler = h =>
                {
                    h.UseProxy = false;
                    h.AllowAutoRedirect = false;
                },
            }).Build();
    }

    private static Uri Endpoint(DockerConnectionOptions options) => options.Endpoint.SocketPath is { } socket
        ? new Uri("unix://" + socket)
        : new UriBuilder("tcp", options.Endpoint.Host, options.Endpoint.Port).Uri;

    private static CertificateCredentials Tls(DockerConnectionOptions options)
    {
        var dir = options.CertPath ?? string.Empty;
        var caFile = Path.Combine(dir, "ca.pem");
        var certFile = Path.Combine(dir, "cert.pem");
        var keyFile = Path.Combine(dir, "key.pem");
        X509Certificate2? clientCertificate = null;

        // docker/cli only loads a client certificate when both files exist; a daemon started with --tlsverify then
        // rejects the handshake, which surfaces as "unreachable" with the TLS hint.
        if (File.Exists(certFile) && File.Exists(keyFile))
        {
            try
            {
                clientCertificate = DockerTlsCertificates.LoadCertificateFromPemFiles(certFile, keyFile);
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw Material($"The Docker client certificate {certFile} with key {keyFile} cannot be loaded: {ex.Message}", ex);
            }
        }
        else if (options.VerifyServer && options.RequiresCaFile)
        {
            throw Material($"DOCKER_TLS_VERIFY is set but {certFile} or {keyFile} does not exist.", null);
        }

        return new CertificateCredentials(clientCertificate) { ServerCertificateValidationCallback = Validation(options, caFile) };
    }

    private static RemoteCertificateValidationCallback? Validation(DockerConnectionOptions options, string caFile)
    {
        if (!options.VerifyServer)
        {
            return (_, _, _, _) => true;
        }

        if (!File.Exists(caFile))
        {
            // A context without ca.pem verifies against the system roots (cli/context/docker/load.go, tlsConfig).
            return options.RequiresCaFile
                ? throw Material($"DOCKER_TLS_VERIFY is set but the CA file {caFile} does not exist.", null)
                : null;
        }

        var trust = new X509Certificate2Collection();
        try
        {
            trust.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Material($"The Docker CA file {caFile} cannot be read: {ex.Message}", ex);
        }

        return (_, certificate, chain, errors) =>
            certificate is not null

            // Name mismatch is still an error; only the chain is re-evaluated against ca.pem alone.
            && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            && CustomRootChain.Verifies(certificate, trust, chain);
    }

    private static ImageRollException Material(string message, Exception? inner) => new(
        DockerErrors.TlsMaterial,
        FailureKind.BadInput,
        message,
        "Point DOCKER_CERT_PATH at the folder holding PEM files ca.pem, cert.pem and key.pem (default ~/.docker).",
        inner);

    /// <summary>A transport that is a given handler (unit tests answer the Engine API with a fake handler).</summary>
    private sealed class FixedHandlerFactory : IDockerHandlerFactory<HttpMessageHandler>
    {
        public static readonly FixedHandlerFactory Instance = new();

        public ResolvedTransport CreateHandler(HttpMessageHandler transportOptions, ResolvedClientOptions clientOptions, ILogger logger) =>
            new(transportOptions, new Uri("http://docker.sock/"));

        public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
            throw new NotSupportedException("A fixed handler needs the handler.");

        public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) =>
            throw new NotSupportedException("ImageRoll attaches to no container.");
    }
}
