using ImageRoll.Rollouts;

namespace ImageRoll.Core.Tests.Rollouts.Fakes;

/// <summary>Records progress reports and lets a test wait (with a deadline) until one matches.</summary>
internal sealed class ProgressLog : IProgress<RolloutProgress>
{
    private readonly object _gate = new();
    private readonly List<RolloutProgress> _items = [];

    public IReadOnlyList<RolloutProgress> Items
    {
        get
        {
            lock (_gate)
            {
                return _items.ToList();
            }
        }
    }

    public void Report(RolloutProgress value)
    {
        lock (_gate)
        {
            _items.Add(value);
            Monitor.PulseAll(_gate);
        }
    }

    public async Task<RolloutProgress> WaitForAsync(Func<RolloutProgress, bool> match, int timeoutMs = 10_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            lock (_gate)
            {
                var hit = _items.FirstOrDefault(match);
                if (hit is not null)
                {
                    return hit;
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("no matching progress; saw:\n" + string.Join("\n", Items.Select(i => $"{i.Workload} {i.State} {i.Reason}: {i.Message}")));
    }
}
