using System.Text.RegularExpressions;

namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// Forces error answers on chosen requests, e.g. <c>Faults.Add("PUT", "/imagestreamtags/", 405)</c> to drive a
/// client into its fallback. Faults apply after authentication, in the order added; the first match answers.
/// </summary>
public sealed class FaultInjector
{
    private readonly List<Fault> _faults = [];

    /// <summary>Adds a fault hitting the next <paramref name="times"/> matching requests (negative = every one).</summary>
    /// <param name="method">HTTP method or "*".</param>
    /// <param name="pathRegex">A regular expression searched in the request path (no query).</param>
    /// <param name="statusCode">The HTTP status code to answer.</param>
    /// <param name="reason">The Status reason (null = usual for the code).</param>
    /// <param name="times">How many requests to hit.</param>
    /// <param name="message">The Status message (null = the real server's usual words).</param>
    public Fault Add(string method, string pathRegex, int statusCode, string? reason = null, int times = 1, string? message = null)
    {
        var fault = new Fault(method, new Regex(pathRegex, RegexOptions.CultureInvariant), statusCode, reason, times, message);
        Add(fault);
        return fault;
    }

    public void Add(Fault fault)
    {
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_faults)
        {
            _faults.Clear();
        }
    }

    internal Fault? Match(string method, string path)
    {
        lock (_faults)
        {
            return _faults.FirstOrDefault(f => f.TryHit(method, path));
        }
    }
}
