using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ImageRoll.Kubernetes;

namespace ImageRoll.Core.Tests.Kubernetes;

/// <summary>A temp directory for kubeconfig files, scripts and certificates, and a fake environment.</summary>
public sealed class KubeconfigFixture : IDisposable
{
    public KubeconfigFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "imageroll-kc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        Env["HOME"] = Path.Combine(Dir, "home");
    }

    public string Dir { get; }

    public Dictionary<string, string?> Env { get; } = new();

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Script(string name, string body)
    {
        var path = Write(name, "#!/bin/bash\n" + body + "\n");
        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public KubeClusterConfig Load(string? kubeconfig = null, string? context = null, string? ns = null, string? serviceAccountDir = null) =>
        KubeconfigLoader.Load(new KubeConnectionOptions(kubeconfig, context, ns), n => Env.TryGetValue(n, out var v) ? v : null, serviceAccountDir);

    public ImageRollException Fails(string? kubeconfig = null, string? context = null) =>
        Assert.Throws<ImageRollException>(() => Load(kubeconfig, context));

    /// <summary>A kubeconfig with one context 'ctx' -> cluster 'c' (server URL) and user 'u' (the given YAML block).</summary>
    public static string Simple(string userYaml, string clusterExtra = "", string server = "https://api.example:6443", string ns = "")
    {
        var user = string.Join('\n', userYaml.Split('\n').Select(l => "    " + l));
        return $"""
            apiVersion: v1
            kind: Config
            current-context: ctx
            clusters:
            - name: c
              cluster:
                server: {server}
            {clusterExtra}
            contexts:
            - name: ctx
              context:
                cluster: c
                user: u
            {(ns.Length > 0 ? "    namespace: " + ns : string.Empty)}
            users:
            - name: u
              user:
            {user}
            """;
    }

    public static (string CertPem, string KeyPem) ClientCertificate(bool ec)
    {
        using AsymmetricAlgorithm key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = ec
            ? new CertificateRequest("CN=imageroll-test", (ECDsa)key, HashAlgorithmName.SHA256)
            : new CertificateRequest("CN=imageroll-test", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var keyPem = ec ? ((ECDsa)key).ExportECPrivateKeyPem() : ((RSA)key).ExportRSAPrivateKeyPem();
        return (cert.ExportCertificatePem(), keyPem);
    }

    public static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
