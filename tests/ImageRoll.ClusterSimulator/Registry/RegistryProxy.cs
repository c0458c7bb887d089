using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ImageRoll.ClusterSimulator.Registry;

/// <summary>
/// Forwards a distribution API request to the real registry behind the integrated registry: repository
/// <c>NS/STREAM</c> lives at <c>PREFIX/NS/STREAM</c> there (one prefix per simulated cluster, so two clusters over one
/// registry keep their repositories apart, as two clusters' registries would), including a cross-repository mount's
/// <c>from</c>. Answers come back with their status and headers; <c>Location</c> (the registry builds absolute upload
/// URLs from the Host it was asked on) and a tag list's <c>name</c> are mapped back to the front's names.
/// </summary>
internal sealed class RegistryProxy(string backend, string prefix, HttpClient http)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Authorization", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Expect",
    };

    public string Prefix => prefix;

    public async Task<HttpResponseMessage> SendAsync(HttpContext context, RegistryRequest request, bool keepMount, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        foreach (var (key, values) in context.Request.Query)
        {
            if (!keepMount && key is "mount" or "from")
            {
                continue;
            }

            foreach (var value in values)
            {
                var v = key == "from" ? $"{prefix}/{value}" : value ?? "";
                query.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(v)}");
            }
        }

        var url = $"http://{backend}/v2/{prefix}/{request.Repository}/{request.Rest}" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        var message = new HttpRequestMessage(new HttpMethod(context.Request.Method), url);
        if (context.Request.Method is "POST" or "PUT" or "PATCH")
        {
            message.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the registry's answer to the client, names mapped back to the front's.</summary>
    public async Task CopyAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHop.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            context.Response.Headers[name] = name.Equals("Location", StringComparison.OrdinalIgnoreCase)
                ? new StringValues(values.Select(v => FrontLocation(context, v)).ToArray())
                : new StringValues(values.ToArray());
        }

        var isTagList = context.Request.Path.Value?.EndsWith("/tags/list", StringComparison.Ordinal) == true && response.IsSuccessStatusCode;
        if (isTagList)
        {
            var list = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
            if (list["name"]?.GetValue<string>() is { } name && name.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                list["name"] = name[(prefix.Length + 1)..];
            }

            var text = list.ToJsonString();
            context.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(text);
            await context.Response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (response.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }

        if (context.Request.Method != "HEAD")
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await body.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
        }
    }

    private string FrontLocation(HttpContext context, string location)
    {
        // String surgery, not Uri: the upload state in the query must come back byte for byte.
        var path = location;
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        var absolute = scheme > 0;
        if (absolute)
        {
            var slash = location.IndexOf('/', scheme + 3);
            path = slash < 0 ? "/" : location[slash..];
        }

        var ours = $"/v2/{prefix}/";
        if (path.StartsWith(ours, StringComparison.Ordinal))
        {
            path = "/v2/" + path[ours.Length..];
        }

        return absolute ? $"{context.Request.Scheme}://{context.Request.Host}{path}" : path;
    }
}
