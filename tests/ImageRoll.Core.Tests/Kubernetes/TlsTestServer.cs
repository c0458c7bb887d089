using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>
/// A one-connection-at-a-time HTTPS server on loopback that asks for a client certificate and records the subject of
/// the one presented, then answers every request with a fixed JSON body. Its certificate is signed by <see cref="CaPem"/>.
/// </summary>
public sealed class TlsTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _serverCertificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TlsTestServer(string body)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=imageroll-test-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        CaPem = ca.ExportCertificatePem();

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=api.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        _serverCertificate = signed.CopyWithPrivateKey(key);

        _listener.Start();
        Url = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(() => ServeAsync(Encoding.UTF8.GetBytes(body)));
    }

    public string Url { get; }

    public string CaPem { get; }

    public List<string?> ClientSubjects { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _serverCertificate.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(byte[] body)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var tcp = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var ssl = new SslStream(tcp.GetStream());
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _serverCertificate,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, cert, _, _) => true,
                }, _stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                continue;
            }

            lock (ClientSubjects)
            {
                ClientSubjects.Add(ssl.RemoteCertificate?.Subject);
            }

            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await ssl.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await ssl.WriteAsync(head, _stop.Token);
            await ssl.WriteAsync(body, _stop.Token);
            await ssl.FlushAsync(_stop.Token);
        }
    }
}
