using System.Diagnostics;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// The commands a user runs (resolve, copy, tag), in-process, with their default bounds and --timeout, against the
/// real registry and the simulated API server behind a <see cref="FaultProxy"/>: the exit class and IR code within
/// the deadline, a message saying what was waited for, nothing half-changed, and a re-run after the fault converges.
/// </summary>
public sealed class CliFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Env(string home) => new() { ["HOME"] = home };

    [Fact]
    public async Task Resolve_of_an_insecure_registry_that_never_answers_ends_at_the_timeout_saying_both_attempts()
    {
        await using var env = RegistryFaultEnv.Start();
        var repo = await env.SeedAsync("cli-silent", 11);
        var expected = await RegistryFaultEnv.TagDigestAsync(repo, "v1");
        env.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));

        var watch = Stopwatch.StartNew();
        var run = await ImageRollCli.RunAsync(Env(env.Files.Root), "resolve", $"{env.Registry}/{repo}:v1", "--insecure-registry", env.Registry, "--timeout", "8s");

        Assert.True(run.ExitCode == 5, run.Stderr);
        Assert.StartsWith("error IR2005: imageroll resolve did not finish within --timeout 8s: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"over https, the registry at {env.Registry} accepted the connection but did not complete the TLS handshake within 5s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"then over http, the registry at {env.Registry} had accepted the connection but sent no answer after", run.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(string.Empty, run.Stdout);

        env.Proxy.Clear();
        var again = (await ImageRollCli.RunAsync(Env(env.Files.Root), "resolve", $"{env.Registry}/{repo}:v1", "--insecure-registry", env.Registry)).EnsureSuccess();
        Assert.Equal($"{env.Registry}/{repo}@{expected}", again.LastStdoutLine);
    }

    [Fact]
    public async Task Copy_to_a_registry_that_refuses_is_IR1000_in_plain_words_and_a_rerun_converges()
    {
        await using var env = RegistryFaultEnv.Start();
        var source = await env.SeedAsync("cli-copy-src", 12);
        var expected = await RegistryFaultEnv.TagDigestAsync(source, "v1");
        var destination = RegistryTestEnv.UniqueRepo("cli-copy-dst");
        env.Proxy.Refuse();

        var run = await ImageRollCli.RunAsync(Env(env.Files.Root), "copy", $"{RegistryTestEnv.Plain}/{source}:v1", $"{env.Registry}/{destination}:v1",
            "--insecure-registry", RegistryTestEnv.Plain, "--insecure-registry", env.Registry, "--timeout", "60s");

        Assert.True(run.ExitCode == 3, run.Stderr);
        Assert.Contains("error IR1000: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"the registry at {env.Registry} refused the connection (nothing listens on that port)", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("the version check:", run.Stderr, StringComparison.Ordinal);
        Assert.Null(await RegistryFaultEnv.TagDigestAsync(destination, "v1"));

        env.Proxy.Accept();
        (await ImageRollCli.RunAsync(Env(env.Files.Root), "copy", $"{RegistryTestEnv.Plain}/{source}:v1", $"{env.Registry}/{destination}:v1",
            "--insecure-registry", RegistryTestEnv.Plain, "--insecure-registry", env.Registry)).EnsureSuccess();
        Assert.Equal(expected, await RegistryFaultEnv.TagDigestAsync(destination, "v1"));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(destination, "v1");
    }

    [Fact]
    public async Task Tag_against_an_API_server_that_never_answers_ends_at_the_timeout_and_creates_nothing()
    {
        await using var env = await ClusterFaultEnv.StartAsync(https: true);
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/cli-tag-{Guid.NewGuid():N}", cancellationToken: Ct);
        env.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));

        var watch = Stopwatch.StartNew();
        var run = await env.ImageRollAsync("tag", image, "example:t1", "--create-stream", "--insecure-registry", TestServices.Registry, "--timeout", "5s");

        Assert.True(run.ExitCode == 5, run.Stderr);
        Assert.Contains("error IR2005: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"the API server at {env.Proxy.Address} had accepted the connection but not completed the TLS handshake", run.Stderr, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Null(env.Store.Get(ResourceTypes.ImageStreams, "default", "example"));

        env.Proxy.Clear();
        (await env.ImageRollAsync("tag", image, "example:t1", "--create-stream", "--insecure-registry", TestServices.Registry, "--timeout", "60s")).EnsureSuccess();
        Assert.Contains(image.Split('@')[1], env.Get(ResourceTypes.ImageStreams, "example")["status"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_whose_writes_fail_503_is_exit_3_leaves_the_stream_as_it_was_and_a_rerun_converges()
    {
        await using var env = await ClusterFaultEnv.StartAsync(https: false);
        var first = await TestImages.PushAsync(TestServices.Registry, $"apps/cli-tag-{Guid.NewGuid():N}", cancellationToken: Ct);
        (await env.ImageRollAsync("tag", first, "example:t1", "--create-stream", "--insecure-registry", TestServices.Registry, "--timeout", "60s")).EnsureSuccess();
        var second = await TestImages.PushAsync(TestServices.Registry, $"apps/cli-tag-{Guid.NewGuid():N}", cancellationToken: Ct);
        var before = env.Get(ResourceTypes.ImageStreams, "example");
        env.Proxy.Add(new FaultRule(FaultAction.Respond, times: -1) { Method = "PUT", Status = 503 });
        env.Proxy.Add(new FaultRule(FaultAction.Respond, times: -1) { Method = "POST", Status = 503 });

        var run = await env.ImageRollAsync("tag", second, "example:t1", "--insecure-registry", TestServices.Registry, "--timeout", "30s");

        Assert.True(run.ExitCode == 3, run.Stderr);
        Assert.Contains("error IR3108: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("503", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before["spec"]!.ToJsonString(), env.Get(ResourceTypes.ImageStreams, "example")["spec"]!.ToJsonString());

        env.Proxy.Clear();
        (await env.ImageRollAsync("tag", second, "example:t1", "--insecure-registry", TestServices.Registry, "--timeout", "60s")).EnsureSuccess();
        Assert.Contains(second.Split('@')[1], env.Get(ResourceTypes.ImageStreams, "example")["status"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_of_a_digest_the_registry_does_not_have_is_IR1004_and_tags_nothing()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/cli-missing-{Guid.NewGuid():N}", cancellationToken: Ct);
        var missing = image[..image.IndexOf('@')] + "@sha256:" + new string('5', 64);

        var run = await sim.ImageRollAsync("tag", missing, "example:t1", "--create-stream", "--insecure-registry", TestServices.Registry, "--timeout", "30s");

        Assert.True(run.ExitCode == 3, run.Stderr);
        Assert.StartsWith("error IR1004: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was tagged", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method is not ("GET" or "HEAD"));
        Assert.Null(sim.Store.Get(ResourceTypes.ImageStreams, "default", "example"));
    }
}
