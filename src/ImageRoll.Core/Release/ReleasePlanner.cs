using ImageRoll.Build;
using ImageRoll.Images.Archives;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;
using ImageRoll.OpenShift.Triggers;
using ImageRoll.Registry;

namespace ImageRoll.Release;

/// <summary>
/// The plan: everything that can be checked without changing anything, in the order a real run needs it: the
/// options, the source on disk, the image and the registry credentials, the cluster, the image stream, the
/// workloads and their triggers, and the permissions (SelfSubjectAccessReview). Each check records its IR code
/// when it fails; checks that need an earlier one (the cluster for the workloads) are skipped after it failed.
/// </summary>
internal sealed class ReleasePlanner(ReleaseRun run)
{
    private readonly List<PlanCheck> _checks = [];

    public async Task<ReleasePlan> PlanAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync("options", () => Task.FromResult(CheckOptions())).ConfigureAwait(false))
        {
            // The integrated registry is found from the cluster, so then the cluster comes before the registry.
            var toCluster = run.ToClusterRegistry;
            var clusterOk = toCluster && await CheckAsync("cluster", () => ClusterAsync(cancellationToken)).ConfigureAwait(false);
            var registryKnown = !toCluster || (clusterOk && await CheckAsync("integrated registry", () => PlanClusterRegistry.LocateAsync(run, cancellationToken)).ConfigureAwait(false));
            await CheckAsync("source", () => SourceAsync(cancellationToken)).ConfigureAwait(false);
            if (registryKnown)
            {
                await CheckAsync(run.Options.Source is ExistingImageSource ? "image" : "registry credentials", () => RegistryAsync(cancellationToken)).ConfigureAwait(false);
            }

            if (toCluster ? clusterOk : await CheckAsync("cluster", () => ClusterAsync(cancellationToken)).ConfigureAwait(false))
            {
                var streamOk = run.StreamTag is null || await CheckAsync("image stream", () => StreamAsync(cancellationToken)).ConfigureAwait(false);
                var workloads = new PlanWorkloads(run, _checks);
                run.Targets = streamOk ? await workloads.FindAsync(cancellationToken).ConfigureAwait(false) : [];

                // Even after a failed check: a dry run lists every missing permission at once.
                await new PlanPermissions(run, _checks).CheckAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var o = run.Options;
        return new ReleasePlan(
            o.Source.Describe(),
            run.Image.ToString(),
            run.PlannedDigestReference,
            run.StreamTag?.ToString(),
            run.StreamTag is null ? "patch" : o.Trigger.ToString().ToLowerInvariant(),
            run.Targets.Select(t => t.Planned).ToList(),
            _checks);
    }

    private async Task<bool> CheckAsync(string name, Func<Task<string>> body)
    {
        try
        {
            _checks.Add(PlanCheck.Pass(name, await body().ConfigureAwait(false)));
            return true;
        }
        catch (ImageRollException ex)
        {
            _checks.Add(PlanCheck.Fail(name, ex));
            return false;
        }
    }

    private string CheckOptions()
    {
        var o = run.Options;
        if (o.Timeout <= TimeSpan.Zero)
        {
            throw Bad($"The timeout must be positive, not {Util.GoDuration.Format(o.Timeout)}.", "Give the whole release a deadline, e.g. --timeout 10m.");
        }

        if (o.GracePeriod is { } g && g < TimeSpan.Zero)
        {
            throw Bad($"The grace period must not be negative ({g}).", "Use e.g. --grace-period 60s.");
        }

        if (o.ReferencePolicy is not ("Source" or "Local"))
        {
            throw Bad($"The reference policy '{o.ReferencePolicy}' is neither Source nor Local.", "Use Source (pull from the source registry) or Local (through the integrated registry).");
        }

        if (o.ImportMode is not ("Legacy" or "PreserveOriginal"))
        {
            throw Bad($"The import mode '{o.ImportMode}' is neither Legacy nor PreserveOriginal.", "Use Legacy (keep one platform of an index) or PreserveOriginal (keep the index).");
        }

        if (o.Source is PromotionSource promotion)
        {
            CheckPromotion(promotion);
        }

        if (run.ToClusterRegistry && (o.StreamTag is null || o.Source is ExistingImageSource))
        {
            throw Bad(o.StreamTag is null
                    ? "Pushing to the integrated registry needs the image stream tag to push to (NAMESPACE/STREAM:TAG is the repository and tag)."
                    : "Pushing to the integrated registry needs something to push: a project, a Dockerfile or an archive.",
                o.StreamTag is null ? "Add --stream STREAM:TAG." : "Add --project, --dockerfile or --archive; to release an image already pushed, name it with --image REG/REPO@sha256:D instead of --registry cluster.");
        }

        if (o.StreamTag is null && o.Workloads.Count == 0)
        {
            throw new ImageRollException(ReleaseErrors.NoWorkloads, FailureKind.BadInput,
                "Without an image stream tag there is no trigger to find the workloads by, and none was named.",
                "Name the workloads (--workload deployment/NAME), or give the stream tag their triggers follow (--stream STREAM:TAG).");
        }

        if (o.Source is not ExistingImageSource && run.Image.Digest is not null)
        {
            throw new ImageRollException(ReleaseErrors.DigestTarget, FailureKind.BadInput,
                $"The image {run.Image} names a digest, but the {o.Source.Describe()} source pushes by tag.",
                "Give REG/REPO[:TAG] to push to; or drop the source option to release the existing image by its digest.");
        }

        if (o.Source is DockerfileSource && run.Services.Docker is null)
        {
            throw new ImageRollException(ReleaseErrors.NoDocker, FailureKind.BadInput,
                "A Dockerfile source needs a Docker daemon, and none is available here.",
                "Set DOCKER_HOST (and DOCKER_CERT_PATH for TLS), or build with the .NET SDK (--project) or from an archive.");
        }

        foreach (var tag in o.ExtraTags)
        {
            _ = run.Image.WithTag(tag); // IR2102 names a malformed tag
        }

        if (((o.Source as SdkProjectSource)?.BaseImage ?? (o.Source as DockerfileSource)?.BaseImage) is { } baseImage)
        {
            _ = Images.ImageReference.Parse(baseImage); // the reference grammar's IR21xx names a malformed base image
        }

        var trigger = o.StreamTag is null ? "set the image directly (plain Kubernetes)" : $"{o.Trigger.ToString().ToLowerInvariant()} mode";
        return $"timeout {Util.GoDuration.Format(o.Timeout)}, {trigger}{(o.RollbackOnFailure ? ", rollback on failure" : string.Empty)}";
    }

    private void CheckPromotion(PromotionSource promotion)
    {
        if (run.StreamTag is not { } to)
        {
            throw Bad($"A promotion needs the stream tag to promote {promotion.From} to.", "Name it: imageroll promote SOURCE_STREAM:TAG DESTINATION_STREAM:TAG.");
        }

        var from = promotion.From with { Namespace = promotion.From.Namespace ?? run.Namespace };
        if (run.Services.SourceKube is null && from == to)
        {
            throw new ImageRollException(OpenShift.IntegratedRegistry.IntegratedRegistryCodes.PromotionOntoItself, FailureKind.BadInput,
                $"{from} would be promoted onto itself.",
                "Name another destination stream tag (another tag, stream or namespace: prod/app:stable), or another cluster with --to-context.");
        }

        foreach (var policy in new[] { promotion.ReferencePolicy, promotion.ImportMode }.OfType<string>())
        {
            if (policy is not ("Source" or "Local" or "Legacy" or "PreserveOriginal"))
            {
                throw Bad($"'{policy}' is not a reference policy (Source, Local) nor an import mode (Legacy, PreserveOriginal).", "Use --reference-policy Source|Local, --import-mode Legacy|PreserveOriginal.");
            }
        }
    }

    private async Task<string> SourceAsync(CancellationToken cancellationToken)
    {
        var o = run.Options;
        switch (o.Source)
        {
            case PromotionSource promotion:
                return await PlanPromotion.SourceAsync(run, promotion, cancellationToken).ConfigureAwait(false);
            case ArchiveSource a:
                var archive = await ImageSourceFactory.OpenAsync(Path.GetFullPath(a.Path, o.WorkingDirectory), a.RefName, cancellationToken).ConfigureAwait(false);
                run.Archive = archive;
                run.PlannedDigestReference = $"{run.Image.Registry}/{run.Image.Repository}@{archive.RootManifest.Digest}";
                return $"{archive.Description}: {archive.RootManifest.MediaType} {archive.RootManifest.Digest}";
            case SdkProjectSource s:
                return $"project {SdkImageBuilder.ResolveProject(s.Project, o.WorkingDirectory)}";
            case DockerfileSource d:
                var context = BuildContext.Create(d.Dockerfile, d.Context, o.WorkingDirectory);
                var docker = run.Docker = run.Services.Docker!();
                var version = await docker.NegotiateAsync(cancellationToken).ConfigureAwait(false);
                return $"Dockerfile {context.DockerfileSource}, context {context.Directory}, Docker API {version}";
            default:
                return $"the image {run.Image} is already in the registry";
        }
    }

    private async Task<string> RegistryAsync(CancellationToken cancellationToken)
    {
        var o = run.Options;
        var image = run.Image;
        var session = run.Registry;
        if (o.Source is PromotionSource)
        {
            return await PromotionRegistryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (o.Source is ExistingImageSource)
        {
            // Resolving is read-only: a manifest HEAD (GET when the registry omits the digest header).
            var resolved = await session.ResolveAsync(image, cancellationToken).ConfigureAwait(false);
            run.PlannedDigestReference = $"{resolved.Registry}/{resolved.Repository}@{resolved.Digest}";
            return $"{image} is {run.PlannedDigestReference}";
        }

        var tag = image.Tag ?? "latest";
        var current = await session.For(image.Registry).CheckPushAccessAsync(image.Repository, tag, cancellationToken).ConfigureAwait(false);
        return current is null
            ? $"credentials accepted for pushing to {image.Registry}/{image.Repository} (new tag {tag})"
            : $"credentials accepted for pushing to {image.Registry}/{image.Repository} (tag {tag} now names {current.Digest})";
    }

    /// <summary>In one cluster nothing is pushed; from another the copy's source must be readable and the destination writable.</summary>
    private async Task<string> PromotionRegistryAsync(CancellationToken cancellationToken)
    {
        if (run.Promotion?.CopyFrom is not { } from)
        {
            return run.Promotion is null ? "the source tag could not be read" : "nothing is pushed: the destination tag takes the source's image";
        }

        var resolved = await run.Registry.ResolveAsync(from, cancellationToken).ConfigureAwait(false);
        var image = run.Image;
        var current = await run.Registry.For(image.Registry).CheckPushAccessAsync(image.Repository, image.Tag ?? "latest", cancellationToken).ConfigureAwait(false);
        return $"{from} is readable ({resolved.Digest}); credentials accepted for pushing to {image}{(current is null ? string.Empty : $" (now {current.Digest})")}";
    }

    private async Task<string> ClusterAsync(CancellationToken cancellationToken)
    {
        // Discovery is the first request any kubectl command makes: it proves the server, TLS and credentials.
        await run.Kube.ServesAsync("v1", cancellationToken).ConfigureAwait(false);
        return $"the API server answers (namespace {run.Namespace})";
    }

    private async Task<string> StreamAsync(CancellationToken cancellationToken)
    {
        var tag = run.StreamTag!;
        if (!await run.Kube.ServesAsync(Kubernetes.ResourceKind.ImageStreams.ApiVersion, cancellationToken).ConfigureAwait(false))
        {
            throw new ImageRollException(TriggerCodes.WaitNotOpenShift, FailureKind.BadInput,
                $"The cluster does not serve image.openshift.io/v1: it is not OpenShift, so there is no image stream {tag.IstagName}.",
                "On plain Kubernetes release without a stream tag: name the workloads and ImageRoll sets their container image to the digest.");
        }

        ImageStream? stream;
        try
        {
            stream = await run.Kube.TryGetAsync<ImageStream>(Kubernetes.ResourceKind.ImageStreams, tag.Namespace, tag.Stream, cancellationToken).ConfigureAwait(false);
        }
        catch (Kubernetes.KubeApiException ex) when (ex.IsForbidden)
        {
            return $"the image stream {tag.Namespace}/{tag.Stream} cannot be read with these credentials; tagging will tell";
        }

        run.StreamExists = stream is not null;
        if (stream is null && run.ToClusterRegistry)
        {
            return $"the image stream {tag.Namespace}/{tag.Stream} does not exist: the push creates it";
        }

        if (stream is null && run.Options.Source is PromotionSource)
        {
            return $"the image stream {tag.Namespace}/{tag.Stream} does not exist: tagging creates it (oc tag)";
        }

        if (stream is null)
        {
            return run.Options.CreateStream
                ? $"the image stream {tag.Namespace}/{tag.Stream} does not exist and will be created"
                : throw new ImageRollException(ImageStreamErrors.StreamNotFound, FailureKind.OperationFailed,
                    $"The image stream '{tag.Stream}' does not exist in namespace '{tag.Namespace}'.",
                    $"Create it (oc create imagestream {tag.Stream} -n {tag.Namespace}, or apply its manifest), or let ImageRoll create it (--create-stream).");
        }

        run.ImportPreference = LegacyImportImage.Preference(stream, tag.Tag);
        var now = TagResolver.ResolveLatestTaggedImage(stream, tag.Tag);
        return now is null ? $"the image stream {tag.Namespace}/{tag.Stream} exists; its tag {tag.Tag} has no image yet" : $"{tag} now holds {now}";
    }

    private static ImageRollException Bad(string message, string hint) => new(ReleaseErrors.BadOptions, FailureKind.BadInput, message, hint);
}
