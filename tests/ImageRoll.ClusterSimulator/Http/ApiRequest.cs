using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// A parsed resource request: the verb as RBAC names it (get, list, watch, create, update, patch, delete,
/// deletecollection), the resource, namespace, name and subresource from the URL, the decoded body and the query.
/// </summary>
public sealed record ApiRequest(string Verb, ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public JsonObject? Body { get; init; }

    /// <summary>The body as a node (JSON patches are arrays).</summary>
    public JsonNode? BodyNode { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The authenticated user name ("system:admin" over plain HTTP).</summary>
    public string User { get; init; } = "system:admin";

    /// <summary>dryRun=All: validate and answer, store nothing.</summary>
    public bool DryRun => Query.TryGetValue("dryRun", out var d) && d == "All";

    public string? QueryValue(string key) => Query.TryGetValue(key, out var v) ? v : null;

    /// <summary>"deployments" or "deployments/status", as RBAC and Forbidden messages name it.</summary>
    public string ResourceWithSubresource => Subresource is null ? Type.Plural : $"{Type.Plural}/{Subresource}";
}
