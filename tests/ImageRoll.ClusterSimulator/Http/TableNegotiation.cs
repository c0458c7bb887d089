using ImageRoll.ClusterSimulator.Tables;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Content negotiation for the Table form. kubectl get sends
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json</c>;
/// the server takes the first clause it can serve (k8s.io/apiserver pkg/endpoints/handlers/negotiation
/// <c>NegotiateOutputMediaType</c>): a Table of that version, or plain JSON. Protobuf clauses are skipped (the
/// simulator speaks JSON only), and so are conversions it does not offer (PartialObjectMetadata lists).
/// </summary>
public static class TableNegotiation
{
    /// <summary>The Table the request asks for, or null for plain JSON. Only get, list and watch are converted.</summary>
    public static TableOptions? From(string? accept, ApiRequest request)
    {
        if (request.Verb is not ("get" or "list" or "watch") || string.IsNullOrEmpty(accept))
        {
            return null;
        }

        foreach (var clause in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = clause.Split(';', StringSplitOptions.TrimEntries);
            var mediaType = parts[0];
            if (mediaType is not ("application/json" or "application/*" or "*/*"))
            {
                continue;
            }

            var parameters = parts.Skip(1)
                .Select(p => p.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (!parameters.TryGetValue("as", out var target))
            {
                return null;
            }

            if (target == "Table" && parameters.GetValueOrDefault("g") == "meta.k8s.io" && parameters.GetValueOrDefault("v") is "v1" or "v1beta1")
            {
                return new TableOptions(parameters["v"], TableConverter.ValidateIncludeObject(request.QueryValue("includeObject")));
            }
        }

        return null;
    }
}
