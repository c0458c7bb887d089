namespace ImageRoll.ClusterSimulator.Http;

/// <summary>
/// How many more times an injected fault hits (negative: every time) and how many times it did; shared by the
/// simulator's API faults (<see cref="Fault"/>) and the integration tests' connection-level fault proxy.
/// </summary>
public sealed class HitBudget(int times)
{
    private readonly object _gate = new();
    private int _remaining = times;
    private int _hits;

    public int Remaining => Volatile.Read(ref _remaining);

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Takes one hit if one is left.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_remaining == 0)
            {
                return false;
            }

            if (_remaining > 0)
            {
                _remaining--;
            }

            _hits++;
            return true;
        }
    }
}
