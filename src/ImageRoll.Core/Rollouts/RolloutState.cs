namespace ImageRoll.Rollouts;

/// <summary>kubectl's three outcomes of a status check: done, not yet (keep watching), or an error that ends the watch.</summary>
public enum RolloutState
{
    Waiting,
    Done,
    Failed,
}
