namespace ImageRoll.OpenShift.Triggers;

/// <summary>The IR34xx codes of DeploymentConfig ImageChange triggers (<see cref="DeploymentConfigTriggers"/>; docs/openshift.md).</summary>
public static class DeploymentConfigTriggerCodes
{
    /// <summary>The ImageChange trigger's from.kind is not ImageStreamTag.</summary>
    public const string FromKindNotImageStreamTag = "IR3401";

    /// <summary>The trigger's containerNames names a container the template lacks.</summary>
    public const string NoSuchContainer = "IR3402";

    /// <summary>The ImageChange trigger names no containers.</summary>
    public const string NoContainerNames = "IR3403";

    /// <summary>The DeploymentConfig is paused: it never rolls out.</summary>
    public const string Paused = "IR3404";

    /// <summary>Wait mode: no automatic ImageChange trigger on the tag.</summary>
    public const string NoTriggerForTag = "IR3405";

    /// <summary>The ImageChange trigger's from.name has no :TAG.</summary>
    public const string FromNameWithoutTag = "IR3406";

    /// <summary>Patch mode or --image: the latest version is still rolling out (or has no RC yet), so no new one is requested.</summary>
    public const string LatestInProgress = "IR3407";
}
