using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Controllers.Core;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The image step before each container start (pkg/kubelet/images/image_manager.go EnsureImageExists) with the
/// real daemon: imagePullPolicy, Pulling/Pulled/Failed/BackOff events, ErrImagePull then ImagePullBackOff with the
/// daemon's own error as a CRI runtime on Docker reports it (cri-dockerd: "rpc error: code = Unknown desc = Error
/// response from daemon: ...").
/// </summary>
public sealed partial class PodWorker
{
    /// <summary>Null when the image is on the node; otherwise when to look again (MaxValue: only on a change).</summary>
    private async Task<DateTimeOffset?> EnsureImageAsync(JsonObject current, JsonObject spec, RuntimeContainer c, CancellationToken ct)
    {
        var now = node.Clock.GetUtcNow();
        var reference = ImageReference.TryParse(c.Image);
        if (reference is null)
        {
            var message = $"Failed to apply default image tag \"{c.Image}\": couldn't parse image reference \"{c.Image}\": invalid reference format";
            if (c.WaitingReason != "InvalidImageName")
            {
                c.SetWaiting("InvalidImageName", message);
                Event(current, c, true, "InspectFailed", message);
                Event(current, c, true, "Failed", "Error: InvalidImageName");
            }

            return DateTimeOffset.MaxValue;
        }

        if (c.Pull is { } pull)
        {
            if (!pull.IsCompleted)
            {
                return DateTimeOffset.MaxValue;
            }

            c.Pull = null;
            var error = pull.IsCompletedSuccessfully ? pull.Result : pull.Exception?.GetBaseException().Message ?? "pull cancelled";
            if (error is not null)
            {
                // image_manager: Failed "Failed to pull image", the back-off steps on, the container waits in ErrImagePull.
                var message = $"rpc error: code = Unknown desc = Error response from daemon: {error}";
                Event(current, c, true, "Failed", $"Failed to pull image \"{c.Image}\": {message}");
                Event(current, c, true, "Failed", "Error: ErrImagePull");
                c.PullBackOff.Next(now);
                c.PullFailedAt = now;
                c.SetWaiting("ErrImagePull", message);
                c.RetryAt = now + c.PullBackOff.Current!.Value;
                return now + (c.PullBackOff.Current!.Value / 2);
            }

            var took = now - c.PullStartedAt;
            var pulled = await node.Docker.InspectImageAsync(reference.Normalized, ct).ConfigureAwait(false);
            Event(current, c, false, "Pulled", $"Successfully pulled image \"{c.Image}\" in {Go(took)} ({Go(took)} including waiting). Image size: {pulled?.Size ?? 0} bytes.");
            c.ImageId = ImageId(pulled);
            c.SetWaiting(c.LastTerminated is null ? null : c.WaitingReason, c.LastTerminated is null ? null : c.WaitingMessage);
            return null;
        }

        var policy = Obj.Str(spec, "imagePullPolicy") ?? (reference.Digest is null && reference.Tag == "latest" ? "Always" : "IfNotPresent");
        if (policy != "Always")
        {
            var present = await node.Docker.InspectImageAsync(reference.Normalized, ct).ConfigureAwait(false);
            if (present is not null)
            {
                Event(current, c, false, "Pulled", $"Container image \"{c.Image}\" already present on machine");
                c.ImageId = ImageId(present);
                return null;
            }

            if (policy == "Never")
            {
                var message = $"Container image \"{c.Image}\" is not present with pull policy of Never";
                if (c.WaitingReason != "ErrImageNeverPull")
                {
                    c.SetWaiting("ErrImageNeverPull", message);
                    Event(current, c, true, "ErrImageNeverPull", message);
                    Event(current, c, true, "Failed", "Error: ErrImageNeverPull");
                }

                return now + node.Timings.ImagePullBackOff;
            }
        }

        Event(current, c, false, "Pulling", $"Pulling image \"{c.Image}\"");
        c.PullStartedAt = now;
        c.Pull = PullAsync(reference, ct);
        _ = c.Pull.ContinueWith(_ => Poke(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return DateTimeOffset.MaxValue;
    }

    /// <summary>While a pull waits out its back-off: ErrImagePull turns into ImagePullBackOff half way (as the stand-in kubelet).</summary>
    private DateTimeOffset? ImageBackOff(JsonObject current, RuntimeContainer c, DateTimeOffset now)
    {
        if (c.WaitingReason != "ErrImagePull" || c.PullFailedAt is not { } failed)
        {
            return null;
        }

        var half = failed + (c.PullBackOff.Current!.Value / 2);
        if (now < half)
        {
            return half;
        }

        c.SetWaiting("ImagePullBackOff", $"Back-off pulling image \"{c.Image}\"");
        Event(current, c, false, "BackOff", c.WaitingMessage!);
        Event(current, c, true, "Failed", "Error: ImagePullBackOff");
        return null;
    }

    private async Task<string?> PullAsync(ImageReference reference, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(NodeRuntime.PullTimeout);
        try
        {
            await node.Docker.PullAsync(reference.Domain + "/" + reference.Path, reference.Digest ?? reference.Tag ?? "latest", timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (DockerApiException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"context deadline exceeded (the pull took longer than {Go(NodeRuntime.PullTimeout)})";
        }
    }

    /// <summary>cri-dockerd's imageID: docker-pullable://REPO@DIGEST when the image came from a registry, else docker://ID.</summary>
    private static string ImageId((string Id, long Size, string? RepoDigest)? image) =>
        image is not { } i ? "" : i.RepoDigest is { } digest ? "docker-pullable://" + digest : "docker://" + i.Id;

    private static string Go(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###}s" : $"{Math.Max(1, (int)t.TotalMilliseconds)}ms";
}
