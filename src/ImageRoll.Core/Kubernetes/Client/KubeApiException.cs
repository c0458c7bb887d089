using System.Net;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Kubernetes;

/// <summary>
/// A non-2xx answer from the API server: the HTTP status and the server's <c>Status</c> object (reason, message,
/// details) when it sent one. Codes IR3101-IR3113; see docs/kubernetes.md.
/// </summary>
public sealed class KubeApiException : ImageRollException
{
    public KubeApiException(string code, HttpStatusCode statusCode, KubeStatus? status, string message, string? hint, Exception? innerException = null)
        : base(code, FailureKind.OperationFailed, message, hint, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's Status, or null when the body was not one (a proxy's HTML page, an empty body).</summary>
    public KubeStatus? Status { get; }

    /// <summary>The Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>AlreadyExists</c>, <c>Forbidden</c>, ...).</summary>
    public string? Reason => Status?.Reason;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 on a stale resourceVersion (not AlreadyExists, which is also 409).</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";

    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    public bool IsForbidden => StatusCode == HttpStatusCode.Forbidden;

    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>410: the resourceVersion is too old (reason Expired, or Gone on older servers).</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
