namespace ImageRoll.ClusterSimulator.Store;

/// <summary>Which part of an object a write may change.</summary>
public enum WriteScope
{
    /// <summary>The main endpoint (PUT/PATCH NAME): everything but status, for resources with a status subresource.</summary>
    Main,

    /// <summary>The status subresource (PUT/PATCH NAME/status): only status.</summary>
    Status,

    /// <summary>Everything (server-internal writes such as a namespace's finalize, or a controller that must set both).</summary>
    All,
}
