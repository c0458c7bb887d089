using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>An injected failure: requests matching <see cref="Method"/> and <see cref="PathPattern"/> get a Status error.</summary>
public sealed class Fault
{
    private int _remaining;

    internal Fault(string method, Regex pathPattern, int statusCode, string? reason, int times, string? message)
    {
        Method = method;
        PathPattern = pathPattern;
        StatusCode = statusCode;
        Reason = reason;
        _remaining = times;
        Message = message;
    }

    /// <summary>HTTP method or "*".</summary>
    public string Method { get; }

    /// <summary>Matched against the path (without query).</summary>
    public Regex PathPattern { get; }

    public int StatusCode { get; }

    /// <summary>The Status reason; null = the usual one for the code.</summary>
    public string? Reason { get; }

    /// <summary>The Status message; null = the real server's usual words for the code.</summary>
    public string? Message { get; }

    /// <summary>Seconds for a Retry-After header (429/503).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>How many more requests it hits (negative = unlimited).</summary>
    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>How many requests it answered.</summary>
    public int Hits { get; private set; }

    internal bool TryHit(string method, string path)
    {
        if ((Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) || !PathPattern.IsMatch(path))
        {
            return false;
        }

        lock (this)
        {
            if (_remaining == 0)
            {
                return false;
            }

            if (_remaining > 0)
            {
                _remaining--;
            }

            Hits++;
            return true;
        }
    }
}
