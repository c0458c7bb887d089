namespace ImageRoll.Kubernetes;

public enum PatchType
{
    /// <summary><c>application/merge-patch+json</c> (RFC 7386).</summary>
    Merge,

    /// <summary><c>application/json-patch+json</c> (RFC 6902).</summary>
    Json,

    /// <summary><c>application/strategic-merge-patch+json</c>: lists merged by key (containers by name).</summary>
    StrategicMerge,

    /// <summary><c>application/apply-patch+yaml</c>: server-side apply (needs a field manager).</summary>
    Apply,
}
