using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageRoll.OpenShift.ImageStreams;

/// <summary>
/// Tags <c>REG/REPO@sha256:D</c> into <c>STREAM:TAG</c> with exactly the requests of <c>oc tag --source=docker</c>
/// (openshift/oc pkg/cli/tag/tag.go): PUT the ImageStreamTag; on MethodNotSupported/Forbidden/NotFound POST it; on
/// MethodNotSupported/Forbidden GET the ImageStream and update (or create) it replacing only that spec tag; the whole
/// sequence inside retry-on-conflict. Then waits (watch) until the import lands: <c>status.tags[tag].items[0].image</c>
/// is the expected digest, failing fast on a current <c>ImportSuccess=False</c>. ImageRoll first GETs the stream
/// (a read oc does not make) to refuse creating a stream nobody asked for and to spot the integrated registry.
/// </summary>
public sealed class ImageStreamTagger(IKubeApi api, ILogger? logger = null)
{
    private const int ConflictRetries = 5;
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public async Task<TagResult> TagAsync(TagOptions options, CancellationToken cancellationToken)
    {
        var ns = options.Target.Namespace ?? api.DefaultNamespace;
        var target = options.Target with { Namespace = ns };
        ImageStream? stream = null;
        var streamKnown = true;
        try
        {
            stream = await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, ns, target.Stream, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsForbidden)
        {
            streamKnown = false; // allowed to write tags but not to read streams: let oc's sequence decide
        }

        var waiter = new ImportWaiter(api, _logger);
        if (options.FromStream is null
            && (options.Source.IsIntegratedRegistry(stream?.Status.DockerImageRepository) || options.Source.IsIntegratedRegistry(stream?.Status.PublicDockerImageRepository)))
        {
            // A push to the integrated registry updates the stream's status itself: tagging would only re-import it.
            _logger.LogInformation("{Source} is in the integrated registry: the push updated {Stream}; waiting for it.", options.Source, target);
            return await waiter.WaitAsync(options with { Target = target }, TagMethod.IntegratedRegistry, minGeneration: 0, cancellationToken).ConfigureAwait(false);
        }

        if (streamKnown && stream is null && !options.CreateStream)
        {
            throw new ImageRollException(ImageStreamErrors.StreamNotFound, FailureKind.OperationFailed,
                $"The image stream '{target.Stream}' does not exist in namespace '{ns}'.",
                $"Create it (oc create imagestream {target.Stream} -n {ns}, or apply its manifest), or pass --create-stream to let ImageRoll create it.");
        }

        if (options.UseImport)
        {
            return await new ImageStreamImporter(api, _logger).ImportAsync(options with { Target = target }, cancellationToken).ConfigureAwait(false);
        }

        var (method, generation) = await SetSpecTagAsync(options, target, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Tagged {Source} into {Stream} ({Method}, generation {Generation}); waiting for the import.", options.Source, target, method, generation);
        return await waiter.WaitAsync(options with { Target = target }, method, generation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The spec tag oc writes: <c>generation: 0</c> asks the server for a fresh import. From another stream's image
    /// (tag.go, the non-DockerImage branch) there is no import: no generation, no import flags but the mode; the API
    /// server records the source's event itself.
    /// </summary>
    public static TagReference SpecTag(TagOptions options) => options.FromStream is { } from
        ? new TagReference
        {
            Name = options.Target.Tag,
            From = new ObjectReference { Kind = "ImageStreamImage", Name = from.Name, Namespace = from.Namespace },
            ImportPolicy = new TagImportPolicy { ImportMode = options.ImportMode },
            ReferencePolicy = new TagReferencePolicy { Type = options.ReferencePolicy },
        }
        : new TagReference
        {
            Name = options.Target.Tag,
            From = new ObjectReference { Kind = "DockerImage", Name = options.Source.Value },
            Generation = 0,
            ImportPolicy = new TagImportPolicy { Insecure = options.Insecure ? true : null, Scheduled = options.Scheduled, ImportMode = options.ImportMode },
            ReferencePolicy = new TagReferencePolicy { Type = options.ReferencePolicy },
        };

    private async Task<(TagMethod Method, long Generation)> SetSpecTagAsync(TagOptions options, StreamTagRef target, CancellationToken cancellationToken)
    {
        var ns = target.Namespace!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SetOnceAsync(options, target, ns, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < ConflictRetries)
            {
                // retry.RetryOnConflict(retry.DefaultRetry, ...) around the whole sequence, as oc does.
                _logger.LogDebug("Conflict tagging {Stream} ({Message}); retrying ({Attempt}/{Max}).", target, ex.Message, attempt, ConflictRetries);
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(TagMethod, long)> SetOnceAsync(TagOptions options, StreamTagRef target, string ns, CancellationToken cancellationToken)
    {
        var istag = new ImageStreamTag
        {
            Kind = "ImageStreamTag",
            ApiVersion = "image.openshift.io/v1",
            Metadata = new() { Name = target.IstagName, Namespace = ns },
            Tag = SpecTag(options with { Target = target }),
        };
        try
        {
            var updated = await api.ReplaceAsync(ResourceKind.ImageStreamTags, ns, istag, null, cancellationToken).ConfigureAwait(false);
            return (TagMethod.ImageStreamTagUpdate, updated.Tag?.Generation ?? updated.Generation ?? 0);
        }
        catch (KubeApiException ex) when (ObjectWatch.HasStatus(ex, 405, 403, 404))
        {
            _logger.LogDebug("PUT imagestreamtags/{Name} answered {Code}; creating it instead.", target.IstagName, (int)ex.StatusCode);
        }

        try
        {
            var created = await api.CreateAsync(ResourceKind.ImageStreamTags, ns, istag, null, cancellationToken).ConfigureAwait(false);
            return (TagMethod.ImageStreamTagCreate, created.Tag?.Generation ?? created.Generation ?? 0);
        }
        catch (KubeApiException ex) when (ObjectWatch.HasStatus(ex, 405, 403))
        {
            _logger.LogDebug("POST imagestreamtags answered {Code}; updating the image stream instead.", (int)ex.StatusCode);
        }

        var stream = await api.TryGetAsync<ImageStream>(ResourceKind.ImageStreams, ns, target.Stream, cancellationToken).ConfigureAwait(false);
        var tag = SpecTag(options with { Target = target });
        ImageStream written;
        if (stream is null)
        {
            stream = new ImageStream { Kind = "ImageStream", ApiVersion = "image.openshift.io/v1", Metadata = new() { Name = target.Stream, Namespace = ns } };
            stream.Spec.Tags.Add(tag);
            written = await api.CreateAsync(ResourceKind.ImageStreams, ns, stream, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Replace only this spec tag, keeping its annotations; every other tag stays as it was.
            var index = stream.Spec.Tags.FindIndex(t => t.Name == target.Tag);
            if (index >= 0)
            {
                tag.Annotations = stream.Spec.Tags[index].Annotations;
                stream.Spec.Tags[index] = tag;
            }
            else
            {
                stream.Spec.Tags.Add(tag);
            }

            written = await api.ReplaceAsync(ResourceKind.ImageStreams, ns, stream, null, cancellationToken).ConfigureAwait(false);
        }

        return (TagMethod.ImageStreamUpdate, written.SpecTag(target.Tag)?.Generation ?? written.Metadata.Generation ?? 0);
    }
}
