using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ImageRoll.Kubernetes;
using ImageRoll.Kubernetes.Models;
using ImageRoll.OpenShift.Models;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Rollouts;

/// <summary>
/// One resource in one namespace, kept current in the follower's cache: list, then watch from the list's
/// resourceVersion. The client already re-watches when a stream closes and relists on 410; if the stream still
/// fails (dropped connection, an ERROR event), the feed lists again after a short delay, so nothing is missed.
/// Every change is posted to the follower's loop as an action, so the cache is only touched there.
/// </summary>
internal abstract class WatchFeed(ResourceKind kind, string ns, bool optional)
{
    public ResourceKind Kind { get; } = kind;

    public string Namespace { get; } = ns;

    /// <summary>Optional feeds (pods, ReplicaSets, RCs) only sharpen diagnosis: a failure there is logged, not fatal.</summary>
    public bool Optional { get; } = optional;

    public static WatchFeed For(ResourceKind kind, string ns, bool optional)
    {
        if (kind == ResourceKind.Deployments)
        {
            return new Typed<Deployment>(kind, ns, optional);
        }

        if (kind == ResourceKind.StatefulSets)
        {
            return new Typed<StatefulSet>(kind, ns, optional);
        }

        if (kind == ResourceKind.DaemonSets)
        {
            return new Typed<DaemonSet>(kind, ns, optional);
        }

        if (kind == ResourceKind.DeploymentConfigs)
        {
            return new Typed<DeploymentConfig>(kind, ns, optional);
        }

        if (kind == ResourceKind.CronJobs)
        {
            return new Typed<CronJob>(kind, ns, optional);
        }

        if (kind == ResourceKind.Pods)
        {
            return new Typed<Pod>(kind, ns, optional);
        }

        if (kind == ResourceKind.ReplicaSets)
        {
            return new Typed<ReplicaSet>(kind, ns, optional);
        }

        if (kind == ResourceKind.ReplicationControllers)
        {
            return new Typed<ReplicationController>(kind, ns, optional);
        }

        throw new ImageRollException(RolloutCodes.KindNotFollowable, FailureKind.BadInput, $"ImageRoll cannot follow the rollout of {kind.QualifiedName}.",
            "Follow a deployment, statefulset, daemonset or deploymentconfig.");
    }

    public abstract Task Pump(RolloutFollower follower, ClusterCache cache, ChannelWriter<Action?> loop, bool watch, Action listed, CancellationToken cancellationToken);

    private sealed class Typed<T>(ResourceKind kind, string ns, bool optional) : WatchFeed(kind, ns, optional)
        where T : KubeObject
    {
        public override async Task Pump(RolloutFollower follower, ClusterCache cache, ChannelWriter<Action?> loop, bool watch, Action listed, CancellationToken cancellationToken)
        {
            var first = true;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var list = await follower.Api.ListAsync<T>(Kind, Namespace, null, cancellationToken).ConfigureAwait(false);
                    var wasFirst = first;
                    first = false;
                    loop.TryWrite(() =>
                    {
                        cache.Reset(Kind, Namespace, list.Items);
                        if (wasFirst)
                        {
                            listed();
                        }
                    });
                    if (!watch)
                    {
                        return;
                    }

                    var options = new WatchOptions(ResourceVersion: list.Metadata.ResourceVersion, AllowBookmarks: true);
                    await foreach (var e in follower.Api.WatchAsync<T>(Kind, Namespace, options, cancellationToken).ConfigureAwait(false))
                    {
                        if (e.Type == WatchEventType.Error)
                        {
                            // 410 Expired/Gone (as client-go tools/cache/reflector.go isExpiredError) or any other ERROR:
                            // list again and resume from there.
                            follower.Logger.LogDebug("watch of {Resource} in {Namespace} ended with {Code} {Reason}: {Message}; listing again",
                                Kind.QualifiedName, Namespace, e.Status?.Code, e.Status?.Reason, e.Status?.Message);
                            break;
                        }

                        if (e.Object is { } obj && e.Type != WatchEventType.Bookmark)
                        {
                            var deleted = e.Type == WatchEventType.Deleted;
                            loop.TryWrite(() =>
                            {
                                if (deleted)
                                {
                                    cache.Remove(Kind, Namespace, obj);
                                }
                                else
                                {
                                    cache.Upsert(Kind, Namespace, obj);
                                }
                            });
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (first)
                {
                    first = false;
                    if (!Optional)
                    {
                        var captured = ExceptionDispatchInfo.Capture(ex);
                        loop.TryWrite(captured.Throw);
                        return;
                    }

                    follower.Logger.LogWarning("cannot list {Resource} in {Namespace} ({Message}); rollout diagnosis will not see them", Kind.QualifiedName, Namespace, ex.Message);
                    loop.TryWrite(listed);
                    return;
                }
                catch (Exception ex)
                {
                    follower.Logger.LogDebug("watch of {Resource} in {Namespace} dropped ({Message}); listing again", Kind.QualifiedName, Namespace, ex.Message);
                }

                try
                {
                    await Task.Delay(RolloutFollower.WatchRetryDelay, follower.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
