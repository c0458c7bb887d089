using ImageRoll.Build;
using ImageRoll.Images;
using ImageRoll.Registry;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Release;

/// <summary>
/// The image step: every source ends with a verified <c>REG/REPO@sha256:D</c>. An existing image was resolved by
/// the plan (nothing to do); an archive is pushed with <see cref="ImagePusher"/> (progress to the observer); a .NET
/// project and a Dockerfile go through the existing <see cref="IImageBuilder"/> backends, which confirm the digest
/// with a registry HEAD. Extra tags of a built image are added by putting the same manifest under each tag.
/// </summary>
internal static class ReleaseImageStep
{
    public static async Task<(string DigestReference, string Summary)> RunAsync(ReleaseRun run, CancellationToken cancellationToken)
    {
        var o = run.Options;
        switch (o.Source)
        {
            case PromotionSource when run.Promotion?.CopyFrom is { } from:
                var copied = await new ImageCopier(run.Registry).CopyAsync(from, run.Image, new PushProgress(run.Observer), cancellationToken).ConfigureAwait(false);
                return (copied.DigestReference, $"copied {from} to {copied.DigestReference} ({copied.BlobsUploaded} blobs uploaded, {copied.BlobsSkipped + copied.BlobsMounted} already there)");
            case PromotionSource:
                return (run.PlannedDigestReference!, $"{o.Source.Describe()} holds {run.PlannedDigestReference}: nothing to push");
            case ArchiveSource:
                var pushed = await new ImagePusher(run.Registry)
                    .PushAsync(run.Archive!, run.Image.Tag is null ? run.Image.WithTag("latest") : run.Image, o.ExtraTags, new PushProgress(run.Observer), cancellationToken)
                    .ConfigureAwait(false);
                return (pushed.DigestReference, $"pushed {pushed.DigestReference} ({pushed.BlobsUploaded} blobs uploaded, {pushed.BlobsSkipped + pushed.BlobsMounted} already there)");
            case SdkProjectSource or DockerfileSource:
                var built = await Builder(run).BuildAsync(Request(run), cancellationToken).ConfigureAwait(false);
                await TagExtraAsync(run, built.Image, cancellationToken).ConfigureAwait(false);
                return (built.Image.ToString(), $"built and pushed {built.Image}");
            default:
                return (run.PlannedDigestReference!, $"{run.Image} is {run.PlannedDigestReference}");
        }
    }

    private static IImageBuilder Builder(ReleaseRun run)
    {
        var session = run.Registry;
        var logger = run.Services.LoggerFactory.CreateLogger("ImageRoll.Build");
        var probe = new RegistryDigestProbe(session);
        return run.Options.Source switch
        {
            SdkProjectSource => new SdkImageBuilder(session.Options.Credentials, probe, logger) { Environment = run.Services.Environment },
            _ => new DockerfileImageBuilder(run.Docker!, session.Options.Credentials, probe, logger) { Environment = run.Services.Environment },
        };
    }

    private static ImageBuildRequest Request(ReleaseRun run)
    {
        var o = run.Options;
        var request = new ImageBuildRequest
        {
            Image = run.Image,
            InsecureRegistries = run.Registry.Options.InsecureRegistries,
            WorkingDirectory = o.WorkingDirectory,
        };
        return o.Source switch
        {
            SdkProjectSource s => request with
            {
                Project = s.Project,
                Configuration = s.Configuration,
                BaseImage = s.BaseImage is null ? null : ImageReference.Parse(s.BaseImage),
                Labels = s.Labels,
            },
            DockerfileSource d => request with
            {
                Dockerfile = d.Dockerfile,
                Context = d.Context,
                BaseImage = d.BaseImage is null ? null : ImageReference.Parse(d.BaseImage),
                BuildArgs = d.BuildArgs,
                Labels = d.Labels,
                Target = d.Target,
                Pull = d.Pull,
                NoCache = d.NoCache,
            },
            _ => request,
        };
    }

    /// <summary>The same manifest under each extra tag (a manifest PUT by tag; the registry checks the digest).</summary>
    private static async Task TagExtraAsync(ReleaseRun run, ImageReference image, CancellationToken cancellationToken)
    {
        var extra = run.Options.ExtraTags.Where(t => t != (run.Image.Tag ?? "latest")).Distinct(StringComparer.Ordinal).ToList();
        if (extra.Count == 0)
        {
            return;
        }

        var client = run.Registry.For(image.Registry);
        var manifest = await client.GetManifestAsync(image.Repository, image.Digest!, cancellationToken).ConfigureAwait(false);
        foreach (var tag in extra)
        {
            await client.PutManifestAsync(image.Repository, tag, manifest.Bytes, manifest.MediaType, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class PushProgress(IReleaseObserver observer) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => observer.PushProgress(value);
    }
}
