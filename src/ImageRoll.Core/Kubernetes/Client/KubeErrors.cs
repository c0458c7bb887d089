using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImageRoll.Kubernetes.Models;

namespace ImageRoll.Kubernetes;

/// <summary>
/// Turns a non-2xx answer into a <see cref="KubeApiException"/>: one line of cause (the server's own Status message,
/// which kubectl prints as "Error from server (Reason): message") and one line of hint.
/// </summary>
internal static partial class KubeErrors
{
    /// <summary>The API server cannot be reached.</summary>
    public const string Unreachable = "IR3100";

    /// <summary>404: the object, or the API (not OpenShift?), is not found.</summary>
    public const string NotFound = "IR3101";

    /// <summary>409: the object changed since it was read.</summary>
    public const string Conflict = "IR3102";

    /// <summary>409 AlreadyExists: the object to create exists.</summary>
    public const string AlreadyExists = "IR3103";

    /// <summary>403: RBAC forbids the request.</summary>
    public const string Forbidden = "IR3104";

    /// <summary>401: the server refused the credentials.</summary>
    public const string Unauthorized = "IR3105";

    /// <summary>429: throttled through every retry.</summary>
    public const string Throttled = "IR3106";

    /// <summary>422: the object is invalid; nothing was changed.</summary>
    public const string Invalid = "IR3107";

    /// <summary>Another error status from the API server.</summary>
    public const string OtherStatus = "IR3108";

    /// <summary>410: the resource version is too old.</summary>
    public const string Expired = "IR3109";

    /// <summary>The TLS handshake with the API server failed.</summary>
    public const string TlsFailed = "IR3110";

    /// <summary>The answer is not Kubernetes API JSON.</summary>
    public const string NotApiJson = "IR3111";

    /// <summary>The API server stalled: no TLS handshake, or no answer within the request's bound.</summary>
    public const string Stalled = "IR3112";

    /// <summary>400: the API server rejected the request.</summary>
    public const string BadRequest = "IR3113";

    /// <summary>The API server never answered the list before the deadline (status unknown).</summary>
    public const string NoAnswer = "IR3114";

    public static KubeApiException FromResponse(HttpStatusCode code, string body, KubeRequest request, KubeClusterConfig config)
    {
        var status = TryParseStatus(body);
        return FromStatus(code, status, status is null ? FirstLine(body) : null, request, config);
    }

    public static KubeApiException FromStatus(HttpStatusCode code, KubeStatus? status, string? rawBody, KubeRequest request, KubeClusterConfig config)
    {
        var serverMessage = OneLine(status?.Message);
        var reason = status?.Reason;
        var ns = request.Namespace;
        var where = ns is null ? string.Empty : $" in namespace '{ns}'";
        string Fallback(string text) => serverMessage ?? (string.IsNullOrEmpty(rawBody) ? text : $"{text}: {rawBody}");

        switch ((int)code)
        {
            case 404:
                return new KubeApiException(NotFound, code, status,
                    Fallback($"{request.Target} not found"),
                    request.Name is not null
                        ? $"Check the name and the namespace ('{ns ?? "(cluster)"}' of context '{config.ContextName}'); -n/--namespace selects another."
                        : $"The server {config.Server} may not serve {request.Kind?.ApiVersion ?? request.PathAndQuery} (is this an OpenShift cluster?).");
            case 409 when reason == "AlreadyExists":
                return new KubeApiException(AlreadyExists, code, status, Fallback($"{request.Target} already exists"),
                    "Replace or patch the existing object instead of creating it, or delete it first.");
            case 409:
                return new KubeApiException(Conflict, code, status, Fallback($"Operation cannot be fulfilled on {request.Target}: the object has been modified"),
                    "Someone else changed the object since it was read: read it again and reapply the change.");
            case 403:
                return new KubeApiException(Forbidden, code, status, Fallback($"{request.Target} is forbidden"), ForbiddenHint(serverMessage, request));
            case 401:
                return new KubeApiException(Unauthorized, code, status,
                    $"The API server {config.Server} refused the credentials ({config.Credentials.Description}) of context '{config.ContextName}': {serverMessage ?? "Unauthorized"}",
                    $"The token has probably expired or is wrong: log in again (oc login {config.Server}) or refresh the kubeconfig ({config.Source}).");
            case 410:
                return new KubeApiException(Expired, code, status, Fallback("The resource version is too old (Expired)"),
                    "List again to get a current resourceVersion.");
            case 422:
                return new KubeApiException(Invalid, code, status, Fallback($"{request.Target} is invalid"),
                    "Fix the fields the server names; nothing was changed.");
            case 429:
                return new KubeApiException(Throttled, code, status, Fallback($"The API server {config.Server} is throttling requests (429 TooManyRequests)"),
                    "The server stayed overloaded through ImageRoll's retries; try again later or ask the cluster admin about API priority and fairness limits.");
            case 400:
                return new KubeApiException(BadRequest, code, status, Fallback($"The API server rejected {request.Method} {request.Target}{where} (400 BadRequest)"),
                    "The request was malformed for this server; check the object and the server version.");
            default:
                return new KubeApiException(OtherStatus, code, status,
                    $"The API server {config.Server} answered {(int)code} {reason ?? code.ToString()} to {request.Method} {request.Target}{where}: {serverMessage ?? rawBody ?? "(no message)"}",
                    (int)code >= 500 ? "The server failed; retry, and check the cluster's health (kubectl get --raw /readyz)." : "Check the request against the server's API version.");
        }
    }

    internal static KubeStatus? TryParseStatus(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            var status = JsonSerializer.Deserialize(body, KubeJson.TypeInfo<KubeStatus>());
            return status is { Kind: "Status" } || status?.Message is not null || status?.Reason is not null ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The RBAC rule to ask for, from the server's wording (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/
    /// responsewriters/errors.go forbiddenMessage): <c>User "U" cannot VERB resource "R" in API group "G" in the namespace "NS"</c>.
    /// </summary>
    private static string ForbiddenHint(string? message, KubeRequest request)
    {
        var m = message is null ? null : ForbiddenPattern().Match(message);
        if (m is null || !m.Success)
        {
            var res = request.Kind?.QualifiedName ?? request.PathAndQuery;
            return $"Ask for RBAC permission to {request.Verb} {res}{(request.Namespace is null ? string.Empty : $" in namespace {request.Namespace}")}.";
        }

        var user = m.Groups["user"].Value;
        var verb = m.Groups["verb"].Value;
        var resource = m.Groups["resource"].Value;
        var group = m.Groups["group"].Success ? m.Groups["group"].Value : string.Empty;
        var ns = m.Groups["ns"].Success ? m.Groups["ns"].Value : null;
        var qualified = group.Length == 0 ? resource : $"{resource}.{group}";
        var role = verb is "get" or "list" or "watch" ? "view" : "edit";
        var scope = ns is null ? "cluster-wide" : $"in namespace {ns}";
        var grant = ns is null
            ? $"oc adm policy add-cluster-role-to-user {role} {user}"
            : $"oc adm policy add-role-to-user {role} {user} -n {ns}";
        return $"{user} needs verb {verb} on {qualified} {scope}; ask an admin to grant it, e.g. {grant}.";
    }

    internal static string? OneLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return WhiteSpace().Replace(text.Trim(), " ");
    }

    private static string? FirstLine(string body)
    {
        var line = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line is null ? null : line.Length > 200 ? line[..200] + "..." : line;
    }

    [GeneratedRegex("User \"(?<user>[^\"]+)\" cannot (?<verb>[a-z]+) resource \"(?<resource>[^\"]+)\"(?: in API group \"(?<group>[^\"]*)\")?(?: in the namespace \"(?<ns>[^\"]+)\")?")]
    private static partial Regex ForbiddenPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();
}
