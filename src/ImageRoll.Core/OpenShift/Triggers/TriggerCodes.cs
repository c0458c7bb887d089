namespace ImageRoll.OpenShift.Triggers;

/// <summary>The IR33xx codes of annotation-trigger diagnostics (docs/openshift.md lists them with examples).</summary>
public static class TriggerCodes
{
    public const string InvalidJson = "IR3301";
    public const string NotAnArray = "IR3302";
    public const string PausedNotBoolean = "IR3303";
    public const string WrongType = "IR3304";
    public const string PauseMisspelled = "IR3305";
    public const string UnknownField = "IR3306";
    public const string SelectorSingleQuotes = "IR3307";
    public const string SelectorSpaces = "IR3308";
    public const string FieldPathMalformed = "IR3309";
    public const string DuplicateFieldPath = "IR3310";
    public const string FieldPathOtherKind = "IR3311";
    public const string NoSuchContainer = "IR3312";
    public const string IndexOutOfRange = "IR3313";
    public const string OtherNamespaceStreamMissing = "IR3314";
    public const string FromKindNotImageStreamTag = "IR3315";
    public const string FromNameWithoutTag = "IR3316";
    public const string FieldPathMissing = "IR3317";
    public const string TriggerPaused = "IR3320";
    public const string NoTriggerForTag = "IR3321";
    public const string NoTriggeredWorkloads = "IR3322";
    public const string WaitNoTrigger = "IR3331";
    public const string WaitTriggerPaused = "IR3332";
    public const string WaitNotOpenShift = "IR3333";
    public const string WaitNoController = "IR3334";
    public const string ContainerAmbiguous = "IR3340";
    public const string ContainerNotFound = "IR3341";

    /// <summary>A rollout with neither --from nor --image (exit 2).</summary>
    public const string RolloutWithoutSource = "IR3350";

    /// <summary>A rollout --image with several workloads (exit 2).</summary>
    public const string ImageForSeveralWorkloads = "IR3351";
}
