using System.Security.Authentication;
using ImageRoll.Util;

namespace ImageRoll.Net;

/// <summary>A failed TLS handshake in plain words: never .NET's own text ("...the provided RemoteCertificateValidationCallback").</summary>
public static class TlsFailure
{
    public static string Describe(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var authentication = ExceptionChain.Find<AuthenticationException>(ex);
        var text = authentication?.Message ?? ExceptionChain.Innermost(ex).Message;
        if (text.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal) || text.Contains("remote certificate", StringComparison.OrdinalIgnoreCase))
        {
            return "the certificate it presented is not trusted here (it is not signed by a trusted CA, or it names another host)";
        }

        if (text.Contains("frame", StringComparison.OrdinalIgnoreCase))
        {
            return "it did not answer the TLS handshake in TLS (it may serve plain HTTP on that port)";
        }

        return text.TrimEnd('.');
    }


}
