namespace ImageRoll.Kubernetes.Models;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

/// <summary>One line of a watch stream; <see cref="Status"/> is set for ERROR events.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, KubeStatus? Status)
    where T : KubeObject;
