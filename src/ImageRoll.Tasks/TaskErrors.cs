namespace ImageRoll.Tasks;

/// <summary>
/// The IR5xxx codes of the MSBuild face, in one place (as dotnet/sdk keeps its CONTAINERxxxx codes in one resource
/// catalogue). Every one is about an MSBuild property or item: the message names it and the value, the hint says
/// what to write instead. Codes are stable: never reuse a number for another meaning. The codes the engine reports
/// during the release itself (IR1xxx-IR4xxx) pass through unchanged.
/// </summary>
public static class TaskErrors
{
    /// <summary>The tasks run in .NET Framework MSBuild (Visual Studio, MSBuild.exe): only the .NET SDK's MSBuild can run them.</summary>
    public const string HostNotSupported = "IR5001";

    /// <summary>A true/false property (ImageRollEnabled included: a typo would silently skip the release) has another value.</summary>
    public const string BadBoolean = "IR5002";

    /// <summary>ImageRollBuilder is not sdk, dockerfile or existing.</summary>
    public const string BadBuilder = "IR5003";

    /// <summary>ImageRollTrigger is not wait or patch.</summary>
    public const string BadTrigger = "IR5004";

    /// <summary>ImageRollTimeout or ImageRollGracePeriod is not a positive duration.</summary>
    public const string BadDuration = "IR5005";

    /// <summary>ImageRollImageStream is not STREAM:TAG or NAMESPACE/STREAM:TAG.</summary>
    public const string BadImageStream = "IR5006";

    /// <summary>An ImageRollWorkload item is not KIND/NAME.</summary>
    public const string BadWorkload = "IR5007";

    /// <summary>The sdk builder has no registry to push to (ContainerRegistry empty, or ContainerArchiveOutputPath set).</summary>
    public const string NoContainerRegistry = "IR5008";

    /// <summary>The dockerfile or existing builder has no ImageRollImage.</summary>
    public const string ImageMissing = "IR5009";

    /// <summary>ImageRollImage is set while the sdk builder names the image with the SDK's Container* properties.</summary>
    public const string ImageConflict = "IR5010";

    /// <summary>The image (ImageRollImage, or ContainerRegistry/ContainerRepository/ContainerImageTag) is not a valid reference.</summary>
    public const string BadImage = "IR5011";

    /// <summary>Neither ImageRollImageStream nor an ImageRollWorkload item: nothing to roll out.</summary>
    public const string NothingToRelease = "IR5012";

    /// <summary>ImageRollTrigger=wait without ImageRollImageStream: there is no trigger to wait for.</summary>
    public const string WaitNeedsStream = "IR5013";

    /// <summary>A file or folder property (ImageRollKubeconfig, ImageRollRegistryCa, ImageRollDockerfile, ImageRollDockerContext) does not exist.</summary>
    public const string PathNotFound = "IR5014";

    /// <summary>An ImageRollInsecureRegistries entry is not HOST or HOST:PORT.</summary>
    public const string BadInsecureRegistry = "IR5015";

    /// <summary>A secret was given as an MSBuild property (it would land in logs and binlogs).</summary>
    public const string SecretProperty = "IR5016";

    /// <summary>ImageRollReferencePolicy or ImageRollImportMode is not one of its values.</summary>
    public const string BadChoice = "IR5017";

    /// <summary>PublishContainer ran but reported no image (not publishable, EnableSdkContainerSupport=false, or a local daemon/archive).</summary>
    public const string NoPublishedImage = "IR5018";

    /// <summary>ImageRollContainer is not a valid container name.</summary>
    public const string BadContainer = "IR5019";

    /// <summary>ImageRollEnabled=true in the outer build of a multi-targeted project: no single framework to publish.</summary>
    public const string MultiTargeting = "IR5020";

    /// <summary>ImageRollNamespace is not a valid namespace name.</summary>
    public const string BadNamespace = "IR5021";

    /// <summary>The task was cancelled (Ctrl+C) before the engine could report how far it got.</summary>
    public const string Cancelled = "IR5022";

    /// <summary>
    /// Warning: a DOTNET_CONTAINER_*_PWORD variable holds a registry secret, and MSBuild writes every DOTNET_* variable
    /// into binlogs (-bl). The release still runs.
    /// </summary>
    public const string SecretInDotnetVariable = "IR5023";

    /// <summary>A single-step task (ImageRollResolve, ImageRollTag, ImageRollTrigger, ImageRollWait) ran out of its Timeout.</summary>
    public const string StepTimedOut = "IR5024";

    /// <summary>ImageRollRegistry is not cluster (the only registry it names; unset: where ContainerRegistry or ImageRollImage says).</summary>
    public const string BadRegistry = "IR5025";

    /// <summary>
    /// A property contradicts ImageRollRegistry=cluster: no ImageRollImageStream (the repository pushed to), the existing
    /// builder (nothing to push), ImageRollImage or ContainerRegistry (they name another registry).
    /// </summary>
    public const string ClusterRegistryConflict = "IR5026";

    /// <summary>
    /// Warning: with ImageRollRegistry=cluster the image is pushed as the stream's tag only, so tags ContainerImageTag(s)
    /// names besides it are not pushed (each tag pushed there would become a stream tag, and fire its triggers).
    /// </summary>
    public const string ClusterRegistryTagsNotPushed = "IR5027";

    /// <summary>A bug in the tasks: an exception nobody anticipated (exit code 1 in the CLI).</summary>
    public const string Unexpected = "IR5099";
}
