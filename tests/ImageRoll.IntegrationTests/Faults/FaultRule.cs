using System.Text.RegularExpressions;
using ImageRoll.ClusterSimulator.Http;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// One fault of a <see cref="FaultProxy"/>: which requests (by method and path, plain HTTP only) or connections (no
/// method and no path: every connection, TLS included) it hits, how many times, and what it does.
/// </summary>
public sealed class FaultRule
{
    private readonly HitBudget _budget;

    public FaultRule(FaultAction action, int times = 1)
    {
        Action = action;
        _budget = new HitBudget(times);
    }

    public FaultAction Action { get; }

    /// <summary>HTTP method to match, or null for any.</summary>
    public string? Method { get; init; }

    /// <summary>A regular expression searched in the request target (path and query), or null for any.</summary>
    public string? Path { get; init; }

    /// <summary>Body bytes forwarded before <see cref="FaultAction.StallAnswer"/>, <see cref="FaultAction.ResetAnswer"/> or <see cref="FaultAction.StallRequest"/>.</summary>
    public long AfterBytes { get; init; }

    public int Status { get; init; } = 503;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>How many requests or connections it hit.</summary>
    public int Hits => _budget.Hits;

    internal bool ConnectionLevel => Method is null && Path is null;

    internal bool TryHit(string? method, string? target)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Path is not null && (target is null || !Regex.IsMatch(target, Path, RegexOptions.CultureInvariant)))
        {
            return false;
        }

        return _budget.TryTake();
    }
}
