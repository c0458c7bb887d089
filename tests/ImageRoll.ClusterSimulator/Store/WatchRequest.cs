namespace ImageRoll.ClusterSimulator.Store;

/// <summary>What a watch observes.</summary>
public sealed record WatchRequest
{
    /// <summary>Resources to observe; null or empty = every resource.</summary>
    public IReadOnlyCollection<ResourceType>? Types { get; init; }

    /// <summary>Namespace to observe; null = all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Replay every retained change after this resourceVersion, then follow. Null or 0: first an ADDED event for
    /// every existing object (as the real server does for a watch without resourceVersion or with "0").
    /// Older than the retained history: <see cref="ObjectStore.Watch"/> throws a 410 Expired <see cref="ApiException"/>.
    /// </summary>
    public long? ResourceVersion { get; init; }

    public LabelSelector LabelSelector { get; init; } = LabelSelector.Everything;

    public FieldSelector FieldSelector { get; init; } = FieldSelector.Everything;

    public static WatchRequest For(params ResourceType[] types) => new() { Types = types };
}
