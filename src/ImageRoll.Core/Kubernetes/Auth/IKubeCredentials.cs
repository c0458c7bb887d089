namespace ImageRoll.Kubernetes;

/// <summary>
/// A source of credentials for the API server (a kubeconfig user entry or the in-cluster service account).
/// Implementations never expose secrets through <see cref="Description"/> or exception messages.
/// </summary>
public interface IKubeCredentials
{
    /// <summary>What kind of credential this is, for messages: <c>token</c>, <c>exec plugin 'aws'</c>; never the secret.</summary>
    string Description { get; }

    /// <summary>The credentials for the next request (cached, refreshed when they expire or their file changes).</summary>
    ValueTask<KubeAuth> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after a 401: drops any cached value. True when asking again may give different credentials (an exec
    /// plugin, a token file), so one retry makes sense, as client-go's exec authenticator does.
    /// </summary>
    bool Invalidate();
}
