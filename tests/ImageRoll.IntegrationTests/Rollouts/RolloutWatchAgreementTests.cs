using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Kubernetes;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Rollouts;

/// <summary>
/// A rollout that moves while both watch it: the real <c>kubectl rollout status</c> (watching) and
/// <c>imageroll status --watch</c> must print the same progression, line for line, and both end in success.
/// </summary>
public sealed class RolloutWatchAgreementTests(SimulatorKubeFixture fx) : IClassFixture<SimulatorKubeFixture>
{
    [Fact]
    public async Task Kubectl_and_ImageRoll_follow_the_same_progression_to_success()
    {
        var name = "watch-" + Guid.NewGuid().ToString("N")[..8];
        fx.Cluster.Store.Create(ResourceTypes.Deployments, "default", JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"default"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"web","image":"registry.example.com/web@sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}}}}
            """.Replace("NAME", name, StringComparison.Ordinal))!.AsObject());
        var steps = new[] { (1, 3, 4), (2, 3, 4), (3, 3, 4), (3, 2, 3), (3, 3, 3) };
        SetStatus(name, steps[0]);

        await using var kubectl = KubectlProcess.Start(fx.AdminKubeconfig, Path.Combine(fx.Dir, "kw-" + name), Stopwatch.StartNew(), "rollout", "status", $"deployment/{name}", "-n", "default");
        var imageroll = ImageRollCli.RunAsync(new Dictionary<string, string?>(), "status", $"deployment/{name}", "--watch", "--timeout", "2m", "--kubeconfig", fx.AdminKubeconfig, "-n", "default");
        var expected = new List<string>();
        await kubectl.WaitForLineAsync(l => l.Contains(" 1 out of 3 ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await ImageRollWatchingAsync();
        foreach (var step in steps)
        {
            SetStatus(name, step);
            var line = step switch
            {
                (var u, _, _) when u < 3 => $"Waiting for deployment \"{name}\" rollout to finish: {u} out of 3 new replicas have been updated...",
                (_, _, var t) when t > 3 => $"Waiting for deployment \"{name}\" rollout to finish: {t - 3} old replicas are pending termination...",
                (_, var a, _) when a < 3 => $"Waiting for deployment \"{name}\" rollout to finish: {a} of 3 updated replicas are available...",
                _ => $"deployment \"{name}\" successfully rolled out",
            };
            expected.Add(line);
            await kubectl.WaitForLineAsync(l => l == line, TimeSpan.FromSeconds(30));
        }

        var result = await imageroll.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(0, await kubectl.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, result.ExitCode);
        // kubectl prints every line on stdout; ImageRoll the progress on stderr and the result (the last line) on
        // stdout only, so a terminal shows each line once (docs/errors.md, "stdout and stderr").
        Assert.Equal(expected[^1], result.Stdout.Trim());
        var ours = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var theirs = kubectl.Lines.Select(l => l.Line).Distinct().ToList();
        Assert.Equal(theirs, ours.Where(l => l.Contains(name, StringComparison.Ordinal)).Append(result.Stdout.Trim()).Distinct());
        Assert.DoesNotContain(expected[^1], result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>ImageRoll's follower watches deployments without a field selector (kubectl always sends one).</summary>
    private async Task ImageRollWatchingAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!fx.Cluster.Requests.All.Any(r => r.PathAndQuery.Contains("/deployments?", StringComparison.Ordinal)
                                                 && r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal)
                                                 && !r.PathAndQuery.Contains("fieldSelector", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < until, "imageroll did not start watching within 30 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    private void SetStatus(string name, (int Updated, int Available, int Total) s) =>
        fx.Cluster.Store.Modify(ResourceTypes.Deployments, "default", name, o => o["status"] = JsonNode.Parse(FormattableString.Invariant(
            $$"""{"observedGeneration":1,"replicas":{{s.Total}},"updatedReplicas":{{s.Updated}},"availableReplicas":{{s.Available}},"readyReplicas":{{s.Available}}}""")), WriteScope.Status);
}
