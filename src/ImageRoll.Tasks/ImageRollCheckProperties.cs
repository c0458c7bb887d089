using ImageRoll.Build;
using ImageRoll.Tasks.Binding;

namespace ImageRoll.Tasks;

/// <summary>
/// Checks every <c>ImageRoll*</c> property before anything is built or pushed (the targets run it before Build when
/// publishing): each bad or contradictory value is one IR5xxx error naming the property and the fix. No network.
/// Also warns (IR5023) when a registry password sits in a DOTNET_CONTAINER_* variable: MSBuild records every
/// DOTNET_* environment variable, values included, in binary logs (seen with the .NET 10 SDK's MSBuild), so such a
/// secret ends up in any <c>-bl</c> of the build, whatever ImageRoll does. And warns (IR5027) when, with
/// ImageRollRegistry=cluster, ContainerImageTag(s) names tags besides the stream's, which are not pushed.
/// </summary>
public sealed class ImageRollCheckProperties : ReleaseTaskBase
{
    private static readonly string[] BinlogRecordedSecrets =
    [
        SdkContainerEnvironment.PushPassword, SdkContainerEnvironment.PullPassword, SdkContainerEnvironment.Password,
    ];

    protected override Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var bound = BindProperties(imagePublished: false);
        if (bound is { Options: { ClusterRegistry: true, StreamTag: { } stream } } && bound.Builder == BuilderKind.Sdk)
        {
            // The tags as written (the check runs before ComputeContainerConfig, whose default tag is not the user's).
            var others = ContainerImageTags.Select(t => t.Trim()).Where(t => t.Length > 0 && t != stream.Tag).Distinct(StringComparer.Ordinal).ToList();
            if (others.Count > 0)
            {
                var retag = stream with { Tag = others[0] };
                Sink.Warning(TaskErrors.ClusterRegistryTagsNotPushed,
                    $"ContainerImageTag(s) '{string.Join(";", others)}' will not be pushed: with ImageRollRegistry=cluster the image goes to the integrated registry as the tag of ImageRollImageStream '{stream}' only (a tag pushed there becomes a stream tag and fires the triggers that follow it)." +
                    $"{System.Environment.NewLine}hint: Remove ContainerImageTag(s), or tag the stream tag afterwards (oc tag {stream} {retag}).",
                    DefaultLocation());
            }
        }

        foreach (var name in BinlogRecordedSecrets.Where(n => !string.IsNullOrEmpty(Environment(n))))
        {
            Sink.Warning(TaskErrors.SecretInDotnetVariable,
                $"{name} is set: MSBuild writes every DOTNET_* environment variable, with its value, into binary logs (-bl), so this registry secret is in any binlog of this build." +
                $"{System.Environment.NewLine}hint: Log in with docker login (or a DOCKER_CONFIG folder / credential helper), which the SDK and ImageRoll both read, and give ImageRoll its own IMAGEROLL_REGISTRY_USERNAME/IMAGEROLL_REGISTRY_PASSWORD if needed.",
                DefaultLocation());
        }

        return Task.CompletedTask;
    }
}
