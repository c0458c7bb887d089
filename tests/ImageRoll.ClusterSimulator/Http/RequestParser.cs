using ImageRoll.ClusterSimulator.Store;
using Microsoft.AspNetCore.Http;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>Parses resource URLs (/api/v1/..., /apis/G/V/..., including the legacy /watch/ prefix) into an <see cref="ApiRequest"/>.</summary>
public static class RequestParser
{
    public static ApiRequest? Parse(string method, string path, IQueryCollection query)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        string group, version;
        int at;
        if (parts.Count >= 3 && parts[0] == "api")
        {
            (group, version, at) = ("", parts[1], 2);
        }
        else if (parts.Count >= 4 && parts[0] == "apis")
        {
            (group, version, at) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var rest = parts.Skip(at).ToList();
        var watch = query.TryGetValue("watch", out var w) && (w == "true" || w == "1");
        if (rest.Count > 0 && rest[0] == "watch")
        {
            watch = true;
            rest.RemoveAt(0);
        }

        string? ns = null;
        if (rest.Count >= 3 && rest[0] == "namespaces" && !(rest.Count == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest.Skip(2).ToList();
        }

        if (rest.Count is 0 or > 3)
        {
            return null;
        }

        var type = ResourceTypes.Find(group, version, rest[0]);
        if (type is null || (ns is not null && !type.Namespaced))
        {
            return null;
        }

        var name = rest.Count > 1 ? rest[1] : null;
        var sub = rest.Count > 2 ? rest[2] : null;
        if (sub is not null && sub != "status" && sub != "finalize" && !type.Subresources.Contains(sub))
        {
            return null;
        }

        var verb = method.ToUpperInvariant() switch
        {
            "GET" when name is null => watch ? "watch" : "list",
            "GET" => watch ? "watch" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when name is null => "deletecollection",
            "DELETE" => "delete",
            _ => method.ToLowerInvariant(),
        };
        var values = query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (watch && name is not null)
        {
            // GET /api/v1/watch/namespaces/NS/pods/NAME: a watch pinned to one object.
            values["fieldSelector"] = $"metadata.name={name}";
            name = null;
        }

        return new ApiRequest(verb, type, ns, name, sub) { Query = values };
    }
}
