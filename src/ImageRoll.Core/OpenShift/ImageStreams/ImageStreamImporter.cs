using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// <c>oc import-image STREAM:TAG --from=REG/REPO@sha256:D</c> (openshift/oc pkg/cli/importimage): one synchronous
/// POST of an ImageStreamImport named after the stream; per-image failures come back as a metav1.Status in
/// <c>status.images[].status</c>, the updated stream in <c>status.import</c>.
/// </summary>
internal sealed class ImageStreamImporter(IKubeApi api, ILogger logger)
{
    public static ImageStreamImport Body(TagOptions options) => new()
    {
        Kind = "ImageStreamImport",
        ApiVersion = "image.openshift.io/v1",
        Metadata = new() { Name = options.Target.Stream, Namespace = options.Target.Namespace },
        Spec = new ImageStreamImportSpec
        {
            Import = true,
            Images =
            [
                new ImageImportSpec
                {
                    From = new ObjectReference { Kind = "DockerImage", Name = options.Source.Value },
                    To = new ObjectReference { Name = options.Target.Tag },
                    ImportPolicy = new TagImportPolicy { Insecure = options.Insecure ? true : null, Scheduled = options.Scheduled, ImportMode = options.ImportMode },
                    ReferencePolicy = new TagReferencePolicy { Type = options.ReferencePolicy },
                },
            ],
        },
    };

    public async Task<TagResult> ImportAsync(TagOptions options, CancellationToken cancellationToken)
    {
        var ns = options.Target.Namespace!;
        var result = await api.CreateAsync(ResourceKind.ImageStreamImports, ns, Body(options), null, cancellationToken).ConfigureAwait(false);
        var image = result.Status?.Images.FirstOrDefault();
        if (image?.Status is { } status && status.Status != "Success")
        {
            throw new ImageRollException(ImageStreamErrors.SyncImportFailed, FailureKind.OperationFailed,
                $"Importing {options.Source} into {options.Target} failed ({status.Reason}): {status.Message}",
                status.Reason == "Unauthorized" ? "Give the cluster a pull secret for the source registry." : "Check the image exists and the cluster can reach its registry (plain HTTP needs --insecure-registry).");
        }

        var stream = result.Status?.Import;
        string? warning = null;
        var generation = stream?.SpecTag(options.Target.Tag)?.Generation ?? 1;
        if (stream is not null && ImportWaiter.Check(stream, options, generation, ref warning) is { } item)
        {
            if (warning is not null)
            {
                logger.LogWarning("{Warning}", warning);
            }

            return ImportWaiter.Result(stream, options, TagMethod.ImageStreamImport, item, warning);
        }

        // Older servers leave status.import empty: the stream itself is the truth.
        return await new ImportWaiter(api, logger).WaitAsync(options, TagMethod.ImageStreamImport, generation, cancellationToken).ConfigureAwait(false);
    }
}
