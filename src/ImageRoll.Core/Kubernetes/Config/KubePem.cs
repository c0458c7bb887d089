using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImageRoll.Kubernetes;

/// <summary>Reads the certificate and key fields of a kubeconfig; every failure names the field and its file.</summary>
internal static class KubePem
{
    /// <summary>The bytes of a <c>*-data</c> field (base64 of a PEM file) or of the file a path field names.</summary>
    public static byte[]? Read(string? data, string dataField, string? path, string pathField, string source)
    {
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return Convert.FromBase64String(data.Trim());
            }
            catch (FormatException ex)
            {
                throw new ImageRollException(KubeconfigErrors.BadBase64, FailureKind.BadInput,
                    $"{dataField} in {source} is not valid base64.",
                    $"Set {dataField} to the base64 of the PEM file (base64 -w0 FILE), or use the file path field instead.", ex);
            }
        }

        return string.IsNullOrEmpty(path) ? null : ReadFile(path, pathField, source);
    }

    public static byte[] ReadFile(string path, string field, string source)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageRollException(KubeconfigErrors.FileUnreadable, FailureKind.BadInput,
                $"The file '{path}' named by {field} in {source} does not exist.",
                "Fix the path (relative paths are resolved against the kubeconfig file's directory) or embed the content in the matching -data field.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageRollException(KubeconfigErrors.FileUnreadable, FailureKind.BadInput,
                $"The file '{path}' named by {field} in {source} cannot be read: {ex.Message}",
                "Make the file readable by the user running ImageRoll.", ex);
        }
    }

    public static X509Certificate2Collection Certificates(byte[] pem, string field, string source)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException ex)
        {
            throw NotPem(field, source, "certificates", ex);
        }

        return collection.Count > 0 ? collection : throw NotPem(field, source, "certificates", null);
    }

    /// <summary>A client certificate with its private key (RSA or EC, PKCS#1, SEC1 or PKCS#8 PEM).</summary>
    public static X509Certificate2 ClientCertificate(byte[] certPem, byte[] keyPem, string fields, string source)
    {
        try
        {
            var pair = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certPem), Encoding.ASCII.GetString(keyPem));

            // Linux SslStream accepts an ephemeral key; on Windows SChannel needs the key in a store, hence the PKCS#12 round trip.
            return OperatingSystem.IsWindows()
#pragma warning disable SYSLIB0057 // the net8.0 API; X509CertificateLoader is net9+.
                ? new X509Certificate2(pair.Export(X509ContentType.Pkcs12))
#pragma warning restore SYSLIB0057
                : pair;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw NotPem(fields, source, "a certificate and its matching private key", ex);
        }
    }

    private static ImageRollException NotPem(string field, string source, string what, Exception? ex) =>
        new(KubeconfigErrors.NotPem, FailureKind.BadInput,
            $"{field} in {source} does not hold PEM {what}{(ex is null ? string.Empty : $": {ex.Message}")}.",
            "Use PEM text ('-----BEGIN CERTIFICATE-----', '-----BEGIN RSA/EC PRIVATE KEY-----' or '-----BEGIN PRIVATE KEY-----'), base64-encoded in -data fields.", ex);
}
