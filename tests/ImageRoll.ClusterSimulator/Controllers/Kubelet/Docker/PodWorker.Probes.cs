using System.Text.Json.Nodes;

namespace ImageRoll.ClusterSimulator.Controllers.Kubelet.Docker;

/// <summary>
/// The probes of a running container (pkg/kubelet/prober: worker.go doProbe, prober.go runProbe). Each probe runs
/// from initialDelaySeconds after the start, every periodSeconds; every failed run records Warning Unhealthy
/// "Readiness probe failed: OUTPUT" (the correlator counts repeats), the result flips only after
/// successThreshold/failureThreshold runs in a row. A startup probe holds the others back until it succeeds. A
/// liveness or startup result of Failure kills the container: Normal Killing "Container C failed liveness probe,
/// will be restarted" (kuberuntime computePodActions), and the restart follows the crash-loop back-off.
/// </summary>
public sealed partial class PodWorker
{
    private async Task<DateTimeOffset?> ProbeAsync(JsonObject current, RuntimeContainer c, ContainerInspect inspect, CancellationToken ct)
    {
        var target = new ProbeTarget(inspect.Id, inspect.Pid, _hostPorts);
        DateTimeOffset? next = null;
        foreach (var probe in new[] { c.Startup, c.Liveness, c.Readiness })
        {
            if (probe is null || probe.OnHold || (probe == c.Startup && probe.Result) || (probe != c.Startup && c.Startup is { Result: false }))
            {
                continue;
            }

            var now = node.Clock.GetUtcNow();
            if (now >= probe.NextAt)
            {
                var outcome = await node.Prober.ProbeAsync(probe.Spec, target, ct).ConfigureAwait(false);
                if (outcome.Verdict == ProbeVerdict.Error)
                {
                    Event(current, c, true, "Unhealthy", $"{probe.Kind} probe errored: {outcome.Output}");
                }
                else if (outcome.Verdict == ProbeVerdict.Failure)
                {
                    Event(current, c, true, "Unhealthy", $"{probe.Kind} probe failed: {outcome.Output}");
                }

                probe.Record(outcome.Verdict, node.Clock.GetUtcNow());
                if (probe.OnHold)
                {
                    await StopAsync(current, c, $"Container {c.Name} failed {probe.Kind.ToLowerInvariant()} probe, will be restarted", ct).ConfigureAwait(false);
                    return node.Clock.GetUtcNow();
                }

                if (probe == c.Startup && probe.Result)
                {
                    // The other probes start now: look again at once.
                    return node.Clock.GetUtcNow();
                }
            }

            next = next is null || probe.NextAt < next ? probe.NextAt : next;
        }

        return next;
    }
}
