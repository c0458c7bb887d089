namespace ImageRoll.Kubernetes;

public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null,
    string? ResourceVersion = null);

/// <summary>
/// What to watch. <see cref="ReportExpired"/>: on 410 Expired/Gone yield the ERROR event and end instead of listing
/// again and yielding the listed objects as ADDED (a caller with its own cache lists itself, and so sees deletions).
/// </summary>
public sealed record WatchOptions(
    string? ResourceVersion = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    bool AllowBookmarks = true,
    int? TimeoutSeconds = null,
    bool ReportExpired = false);

/// <summary><c>dryRun=All</c>, the field manager (default <c>imageroll</c>) and, for server-side apply, force.</summary>
public sealed record WriteOptions(bool DryRun = false, string? FieldManager = null, bool Force = false);
