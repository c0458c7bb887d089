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
                return new KubeApiException("IR3101", code, status,
                    Fallback($"{request.Target} not found"),
                    request.Name is not null
                        ? $"Check the name and the namespace ('{ns ?? "(cluster)"}' of context '{config.ContextName}'); -n/--namespace selects another."
                        : $"The server {config.Server} may not serve {request.Kind?.ApiVersion ?? request.PathAndQuery} (is this an OpenShift cluster?).");
            case 409 when reason == "AlreadyExists":
                return new KubeApiException("IR3103", code, status, Fallback($"{request.Target} already exists"),
                    "Replace or patch the existing object instead of creating it, or delete it first.");
            case 409:
                return new KubeApiException("IR3102", code, status, Fallback($"Operation cannot be fulfilled on {request.Target}: the object has been modified"),
                    "Someone else changed the object since it was read: read it again and reapply the change.");
            case 403:
                return new KubeApiException("IR3104", code, status, Fallback($"{request.Target} is forbidden"), ForbiddenHint(serverMessage, request));
            case 401:
                return new KubeApiException("IR3105", code, status,
                    $"The API server {config.Server} refused the credentials ({config.Credentials.Description}) of context '{config.ContextName}': {serverMessage ?? "Unauthorized"}",
                    $"The token has probably expired or is wrong: log in again (oc login {config.Server}) or refresh the kubeconfig ({config.Source}).");
            case 410:
                return new KubeApiException("IR3109", code, status, Fallback("The resource version is too old (Expired)"),
                    "List again to get a current resourceVersion.");
            case 422:
                return new KubeApiException("IR3107", code, status, Fallback($"{request.Target} is invalid"),
                    "Fix the fields the server names; nothing was changed.");
            case 429:
                return new KubeApiException("IR3106", code, status, Fallback($"The API server {config.Server} is throttling requests (429 TooManyRequests)"),
                    "The server stayed overloaded through ImageRoll's retries; try again later or ask the cluster admin about API priority and fairness limits.");
            case 400:
                return new KubeApiException("IR3113", code, status, Fallback($"The API server rejected {request.Method} {request.Target}{where} (400 BadRequest)"),
                    "The request was malformed for this server; check the object and the server version.");
            default:
                return new KubeApiException("IR3108", code, status,
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
