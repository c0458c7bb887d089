using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// The integrated registry's own answers, in distribution's error format (registry/api/errcode: <c>{"errors":[{"code",
/// "message","detail"}]}</c>) with openshift/image-registry's challenges (pkg/dockerregistry/server/auth.go): no
/// credentials is <c>Bearer realm="SCHEME://HOST/openshift/token"</c> (the token realm detected from the request); a
/// token the cluster does not know, or an access the user may not have, is <c>Basic realm=openshift,error="access
/// denied"</c>; both 401 UNAUTHORIZED.
/// </summary>
internal static class RegistryAnswers
{
    public const string Realm = "openshift";

    public static Task TokenRequiredAsync(HttpContext context, RegistryRequest? request, string action)
    {
        var realm = $"{context.Request.Scheme}://{context.Request.Host}/openshift/token";
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm}\"";
        return ErrorAsync(context, 401, "UNAUTHORIZED", "authentication required", Detail(request, action));
    }

    public static Task AccessDeniedAsync(HttpContext context, RegistryRequest? request, string action)
    {
        context.Response.Headers.WWWAuthenticate = $"Basic realm={Realm},error=\"access denied\"";
        return ErrorAsync(context, 401, "UNAUTHORIZED", "authentication required", Detail(request, action));
    }

    /// <summary>errcode.ErrorCodeDenied: the user may not auto-provision the image stream (403).</summary>
    public static Task DeniedAsync(HttpContext context, string message) =>
        ErrorAsync(context, 403, "DENIED", "requested access to the resource is denied", message);

    public static Task ErrorAsync(HttpContext context, int status, string code, string message, JsonNode? detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["detail"] = detail };
        return context.Response.WriteAsync(new JsonObject { ["errors"] = new JsonArray(error) }.ToJsonString() + "\n", context.RequestAborted);
    }

    private static JsonNode? Detail(RegistryRequest? request, string action) => request is null
        ? null
        : new JsonArray(new JsonObject { ["Type"] = "repository", ["Class"] = "", ["Name"] = request.Repository, ["Action"] = action });
}
