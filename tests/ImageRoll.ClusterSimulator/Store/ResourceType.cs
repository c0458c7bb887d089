namespace ImageRoll.ClusterSimulator.Store;

/// <summary>
/// One REST resource the simulated API server serves (a row of the discovery document).
/// </summary>
/// <param name="Group">API group, "" for the core group.</param>
/// <param name="Version">API version, e.g. "v1".</param>
/// <param name="Plural">Resource name in URLs, e.g. "deployments".</param>
/// <param name="Singular">Singular name, e.g. "deployment".</param>
/// <param name="Kind">Kind, e.g. "Deployment".</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced)
{
    /// <summary>Short names kubectl accepts (`deploy`, `is`, ...).</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Whether the resource has a `status` subresource: the main endpoint then ignores status changes.</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>Whether metadata.generation is kept (set to 1 on create, bumped when `spec` changes).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Served by a handler instead of the store (ImageStreamTag, ImageStreamImport).</summary>
    public bool Virtual { get; init; }

    /// <summary>Subresources other than status (e.g. "instantiate", "scale").</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>Verbs advertised in discovery.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    /// <summary>Discovery categories (`all` makes `kubectl get all` include the resource).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public static IReadOnlyList<string> AllVerbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>"apps/v1" or "v1".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The qualified resource as the real server prints it in errors: "deployments.apps", "pods".</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The qualified kind as the real server prints it in validation errors: "Deployment.apps".</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    /// <summary>URL prefix of the group version: "/api/v1" or "/apis/apps/v1".</summary>
    public string GroupVersionPath => Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";

    public override string ToString() => GroupResource;
}
