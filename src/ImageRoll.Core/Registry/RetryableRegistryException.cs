namespace ImageRoll.Registry;

/// <summary>A failure worth another attempt: 429, 5xx, a dropped or refused connection, an expired upload session.</summary>
internal sealed class RetryableRegistryException(string message, TimeSpan? retryAfter, bool connectionFailure, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool ConnectionFailure { get; } = connectionFailure;
}
