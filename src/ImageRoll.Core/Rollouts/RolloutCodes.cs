namespace ImageRoll.Rollouts;

/// <summary>IR4xxx codes of the rollout supervisor that have no other home (docs/rollouts.md lists every IR4xxx code).</summary>
public static class RolloutCodes
{
    /// <summary>The one deadline passed before or while a rollback ran (exit 5).</summary>
    public const string RollbackDeadline = "IR4020";
}
