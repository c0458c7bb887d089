namespace ImageRoll.OpenShift.TriggerStep;

public enum TriggerMode
{
    /// <summary>The cluster's trigger controllers change the workloads; ImageRoll watches until they did.</summary>
    Wait,

    /// <summary>ImageRoll makes the controller's change itself (same value, same field).</summary>
    Patch,
}
