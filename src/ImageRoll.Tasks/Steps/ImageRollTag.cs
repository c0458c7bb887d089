using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.Registry;
using Microsoft.Build.Framework;

namespace ImageRoll.Tasks.Steps;

/// <summary>
/// Tags a digest into an image stream with <c>oc tag --source=docker</c>'s requests and waits for the import, as the
/// release's tag step does (docs/openshift.md); <c>importPolicy.insecure</c> follows InsecureRegistries.
/// </summary>
public sealed partial class ImageRollTag : StepTaskBase
{
    protected override async Task RunStepAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = Parse(() => DigestPullSpec.Parse(DigestReference.Trim()), TaskErrors.BadImage, nameof(DigestReference), DigestReference);
        using var kube = CreateKube();
        var target = Parse(() => StreamTagRef.Parse(ImageStream.Trim(), kube.DefaultNamespace), TaskErrors.BadImageStream, nameof(ImageStream), ImageStream);
        using var session = CreateRegistry();
        var importMode = string.IsNullOrWhiteSpace(ImportMode) ? "Legacy" : ImportMode.Trim();
        var options = new TagOptions(source, target)
        {
            ReferencePolicy = string.IsNullOrWhiteSpace(ReferencePolicy) ? "Source" : ReferencePolicy.Trim(),
            ImportMode = importMode,
            Insecure = RegistryHostPolicy.For(source.Registry, session.Options).Insecure,
            CreateStream = CreateStream,
            ExpectedImage = importMode == "Legacy"
                ? await LegacyImportImage.ExpectedImageAsync(session, source, Loggers.CreateLogger("ImageRoll.Tag"), cancellationToken).ConfigureAwait(false)
                : null,
            Timeout = timeout,
        };
        var result = await new ImageStreamTagger(kube, Loggers.CreateLogger("ImageRoll.Tag")).TagAsync(options, cancellationToken).ConfigureAwait(false);
        PullSpec = result.ResolvedPullSpec;
        StreamTag = $"{result.Namespace}/{result.Stream}:{result.Tag}";
        Sink.Message(MessageImportance.High, $"ImageRoll: tagged {StreamTag} -> {PullSpec}");
        if (!string.IsNullOrEmpty(result.Warning))
        {
            Sink.Warning(null, $"ImageRoll: {result.Warning}");
        }
    }

    internal static T Parse<T>(Func<T> parse, string code, string parameter, string text)
    {
        try
        {
            return parse();
        }
        catch (ImageRollException ex)
        {
            throw new ImageRollException(code, FailureKind.BadInput, $"{parameter} '{text}': {ex.Message}", ex.Hint, ex);
        }
    }
}
