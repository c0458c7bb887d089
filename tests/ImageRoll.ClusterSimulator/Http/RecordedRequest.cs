namespace ImageRoll.ClusterSimulator.Http;

/// <summary>One request the simulated server received, in arrival order.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Path with the raw query string, e.g. "/apis/apps/v1/namespaces/default/deployments?limit=500".</param>
/// <param name="ContentType">Content-Type header (or null).</param>
/// <param name="Body">Request body as text ("" when none).</param>
/// <param name="User">The authenticated user (null when authentication failed).</param>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? ContentType, string Body, string? User)
{
    /// <summary>Request headers (first value of each), e.g. User-Agent, Accept; Authorization is reduced to its scheme.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The response status code (0 while a watch is still streaming).</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The path without the query.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];

    public override string ToString() => $"{Method} {PathAndQuery} -> {StatusCode}";
}
