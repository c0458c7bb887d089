namespace ImageRoll.Registry;

/// <summary>A 401: the authenticator has dropped its token and learned the challenge; one more try is allowed.</summary>
internal sealed class AuthRetryException(string detail, bool insufficientScope) : Exception(detail)
{
    public bool InsufficientScope { get; } = insufficientScope;
}
