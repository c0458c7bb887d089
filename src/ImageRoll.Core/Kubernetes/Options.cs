namespace ImageRoll.Kubernetes;

public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null,
    string? ResourceVersion = null);

public sealed record WatchOptions(
    string? ResourceVersion = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    bool AllowBookmarks = true,
    int? TimeoutSeconds = null);

/// <summary><c>dryRun=All</c>, the field manager (default <c>imageroll</c>) and, for server-side apply, force.</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, bool Force = false);
