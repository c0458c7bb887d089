namespace ImageRoll.OpenShift.TriggerStep;

public enum TriggerAction
{
    /// <summary>The template already carried the value: nothing to do (no new rollout from this step).</summary>
    AlreadyCurrent,

    /// <summary>The cluster's controller set the value (wait mode).</summary>
    ControllerUpdated,

    /// <summary>ImageRoll patched the container image(s).</summary>
    Patched,

    /// <summary>ImageRoll updated a DeploymentConfig and asked for a rollout (instantiate).</summary>
    Instantiated,
}
