using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>The Status an injected fault answers, in the real server's usual words for the code.</summary>
internal static class FaultStatus
{
    public static JsonObject For(Fault fault, ApiRequest? request, string user)
    {
        var name = request?.Name ?? "";
        var reason = fault.Reason ?? fault.StatusCode switch
        {
            400 => "BadRequest",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            409 => "Conflict",
            410 => "Expired",
            422 => "Invalid",
            429 => "TooManyRequests",
            503 => "ServiceUnavailable",
            504 => "Timeout",
            _ => "InternalError",
        };
        var message = fault.Message ?? (fault.StatusCode, request) switch
        {
            (401, _) => "Unauthorized",
            (403, { } r) => Forbidden(r, user),
            (404, { } r) when name.Length > 0 => $"{r.Type.GroupResource} \"{name}\" not found",
            (404, _) => "the server could not find the requested resource",
            (405, _) => "the server does not allow this method on the requested resource",
            (409, { } r) when name.Length > 0 => ApiException.Conflict(r.Type, name).Message,
            (429, _) => "Too many requests, please try again later.",
            (503, _) => "the server is currently unable to handle the request",
            _ => "Internal error occurred: injected fault",
        };
        JsonObject? details = request is null ? null : Status.DetailsFor(request.Type, name);
        if (details is not null && fault.RetryAfterSeconds is { } seconds)
        {
            details["retryAfterSeconds"] = seconds;
        }

        return Status.Failure(fault.StatusCode, reason, message, details);
    }

    private static string Forbidden(ApiRequest r, string user)
    {
        var scope = r.Type.Namespaced && r.Namespace is not null ? $"in the namespace \"{r.Namespace}\"" : "at the cluster scope";
        var subject = r.Name is { Length: > 0 } n ? $"{r.Type.GroupResource} \"{n}\"" : r.Type.GroupResource;
        return $"{subject} is forbidden: User \"{user}\" cannot {r.Verb} resource \"{r.ResourceWithSubresource}\" in API group \"{r.Type.Group}\" {scope}";
    }
}
