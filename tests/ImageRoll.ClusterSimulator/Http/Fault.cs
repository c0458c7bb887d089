using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>An injected failure: requests matching <see cref="Method"/> and <see cref="PathPattern"/> get a Status error.</summary>
public sealed class Fault
{
    private readonly HitBudget _budget;

    internal Fault(string method, Regex pathPattern, int statusCode, string? reason, int times, string? message)
    {
        Method = method;
        PathPattern = pathPattern;
        StatusCode = statusCode;
        Reason = reason;
        _budget = new HitBudget(times);
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
    public int Remaining => _budget.Remaining;

    /// <summary>How many requests it answered.</summary>
    public int Hits => _budget.Hits;

    internal bool TryHit(string method, string path) =>
        (Method == "*" || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && PathPattern.IsMatch(path) && _budget.TryTake();
}
