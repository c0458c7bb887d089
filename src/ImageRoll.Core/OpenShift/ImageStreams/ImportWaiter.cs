using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// Waits (watch) until a stream tag's import lands: <c>status.tags[tag].items[0]</c> of at least the tag's spec
/// generation carrying the expected image; fails fast on <c>ImportSuccess=False</c> of a current generation
/// (a failed import leaves older items in place: openshift-apiserver
/// pkg/image/apiserver/registry/imagestreamimport/rest.go <c>setFailureCondition</c> sets only the conditions).
/// </summary>
internal sealed class ImportWaiter(IKubeApi api, ILogger logger)
{
    public async Task<TagResult> WaitAsync(TagOptions options, TagMethod method, long minGeneration, CancellationToken cancellationToken)
    {
        var target = options.Target;
        var ns = target.Namespace!;
        string? warning = null;
        TagEvent? landed = null;
        if (minGeneration > 0)
        {
            await FailIfTheSameFailureRepeatsAsync(options, minGeneration, cancellationToken).ConfigureAwait(false);
        }

        var stream = await ObjectWatch.UntilAsync<ImageStream>(api, ResourceKind.ImageStreams, ns, target.Stream,
            s => (landed = Check(s, options, minGeneration, ref warning)) is not null,
            options.Timeout,
            last => TimedOut(options, last),
            cancellationToken).ConfigureAwait(false);
        if (warning is not null)
        {
            logger.LogWarning("{Warning}", warning);
        }

        return Result(stream, options, method, landed!, warning);
    }

    /// <summary>
    /// A tag whose last import failed keeps that <c>ImportSuccess=False</c> condition; when the import of the new
    /// generation fails with the same reason and message the server writes NOTHING: the condition keeps its old
    /// generation and the tag is never seen to fail (openshift-apiserver
    /// pkg/image/apiserver/registry/imagestreamimport/rest.go <c>setFailureCondition</c> (<c>checkImportFailure</c> in older releases) / <c>hasTagCondition</c>;
    /// the stream is updated only when it changed). So with such a stale condition ImageRoll asks the same REST for a
    /// dry run (<c>spec.import: false</c>: the registry lookups, nothing written) and fails at once when it answers
    /// the same failure. A dry run the user may not make (403) or that fails otherwise only means waiting as before.
    /// </summary>
    private async Task FailIfTheSameFailureRepeatsAsync(TagOptions options, long minGeneration, CancellationToken cancellationToken)
    {
        var target = options.Target;
        try
        {
            var stream = await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, target.Namespace, target.Stream, cancellationToken).ConfigureAwait(false);
            var status = stream?.StatusTag(target.Tag);
            var stale = status?.Conditions.FirstOrDefault(c => c.Type == "ImportSuccess" && c.Status == "False" && c.Generation < minGeneration);
            var item = status?.Items.FirstOrDefault();
            if (stale is null || (item is not null && item.Generation >= minGeneration))
            {
                return;
            }

            var probe = ImageStreamImporter.Body(options);
            probe.Spec.Import = false;
            var result = await api.CreateAsync(ResourceKind.ImageStreamImports, target.Namespace, probe, null, cancellationToken).ConfigureAwait(false);
            if (result.Status?.Images.FirstOrDefault()?.Status is { } answer && answer.Status != "Success"
                && answer.Reason == stale.Reason && answer.Message == stale.Message)
            {
                throw new ImageRollException(ImageStreamErrors.ImportFailed, FailureKind.OperationFailed,
                    $"Importing {options.Source} into {options.Target} failed ({stale.Reason}): {stale.Message} (the same failure as the tag's last import, so the cluster records nothing new)",
                    ImportHint(options, stale));
            }
        }
        catch (KubeApiException ex)
        {
            logger.LogDebug("Could not check whether the import of {Source} fails as before ({Message}); waiting for the stream.", options.Source, ex.Message);
        }
    }

    internal static TagResult Result(ImageStream stream, TagOptions options, TagMethod method, TagEvent item, string? warning) =>
        new(options.Target.Namespace!, options.Target.Stream, options.Target.Tag, method, item.Image ?? string.Empty, item.DockerImageReference,
            TagResolver.ResolveLatestTaggedImage(stream, options.Target.Tag) ?? item.DockerImageReference ?? string.Empty, item.Generation, warning);

    /// <summary>The landed item, null to keep waiting; throws IR3203 on a current import failure.</summary>
    internal static TagEvent? Check(ImageStream? stream, TagOptions options, long minGeneration, ref string? warning)
    {
        var tag = options.Target.Tag;
        var status = stream?.StatusTag(tag);
        if (status is null)
        {
            return null;
        }

        var item = status.Items.FirstOrDefault();
        var digest = options.Source.Digest;
        if (item is not null && item.Generation >= minGeneration)
        {
            if (item.Image == (options.ExpectedImage ?? digest))
            {
                return item;
            }

            if (options.ExpectedImage is null && options.ImportMode == "Legacy" && minGeneration > 0)
            {
                // Legacy import mode keeps one platform's manifest of an index (openshift-apiserver
                // pkg/image/apiserver/importer/importer.go importManifest / manifestFromManifestList).
                warning = $"The stream tag {options.Target} holds {item.Image}, not {digest}: {digest} is probably a multi-arch index and the Legacy import mode kept one platform's manifest. Use --import-mode PreserveOriginal to keep the index.";
                return item;
            }

            if (minGeneration > 0 || item.Image == digest)
            {
                throw new ImageRollException(ImageStreamErrors.ImportedOtherImage, FailureKind.OperationFailed,
                    $"The stream tag {options.Target} imported {item.Image}, but {options.ExpectedImage ?? digest} was expected.",
                    "Another tag write may have raced this one; re-run, or check who else writes the tag (oc describe is).");
            }
        }

        var failed = status.Conditions.FirstOrDefault(c => c.Type == "ImportSuccess" && c.Status == "False" && c.Generation >= minGeneration && minGeneration > 0);
        if (failed is not null)
        {
            throw new ImageRollException(ImageStreamErrors.ImportFailed, FailureKind.OperationFailed,
                $"Importing {options.Source} into {options.Target} failed ({failed.Reason}): {failed.Message}",
                ImportHint(options, failed));
        }

        return null;
    }

    private static string ImportHint(TagOptions options, TagEventCondition failed) => failed.Reason switch
    {
        "NotFound" => "The cluster's import could not find the image: check that it was pushed and that the registry name is the one the cluster reaches.",
        "Unauthorized" => "Give the cluster a pull secret for the source registry (oc secrets link default SECRET --for=pull) or use the integrated registry.",
        _ when !options.Insecure => "If the registry is plain HTTP or has a self-signed certificate, pass --insecure-registry HOST so the tag sets importPolicy.insecure.",
        _ => "Check the cluster can reach the registry (oc describe is shows the import conditions).",
    };

    private static ImageRollException TimedOut(TagOptions options, ImageStream? last)
    {
        var status = last?.StatusTag(options.Target.Tag);
        var seen = status?.Items.FirstOrDefault()?.Image is { } image ? $" (it still holds {image})" : " (it has no image yet)";
        if (status?.Conditions.FirstOrDefault(c => c.Type == "ImportSuccess" && c.Status == "False") is { } failed)
        {
            // An import failing exactly as the previous one leaves that condition as it was (see FailIfTheSameFailureRepeatsAsync).
            seen += $"; its last import failed ({failed.Reason}): {failed.Message}";
        }

        return new ImageRollException(ImageStreamErrors.ImportTimedOut, FailureKind.TimedOut,
            $"The stream tag {options.Target} did not get {options.ExpectedImage ?? options.Source.Digest} within {options.Timeout}{seen}.",
            last is null ? "The stream does not exist; is image.openshift.io served by this cluster?" : "Is the cluster's image import working? `oc describe is` shows the import conditions; raise --timeout on slow registries.");
    }
}
