using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Net;
using ImageRoll.Registry;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// The registry client under faults (issue 12, class 1): the real registry behind a <see cref="FaultProxy"/>, engine
/// sessions with 2 s bounds. Each scenario asserts the outcome (the right digest, or the right IR code within a
/// generous bound), that no tag names a manifest with missing blobs, and that a re-run after the fault converges.
/// </summary>
public sealed class RegistryFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(40);
    private RegistryFaultEnv _env = null!;

    private static CancellationToken Ct => RegistryFaultEnv.Ct;

    public ValueTask InitializeAsync()
    {
        _env = RegistryFaultEnv.Start();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task Resolve_against_a_refusing_registry_is_IR1000_in_plain_words_and_converges_once_it_listens()
    {
        var repo = await _env.SeedAsync("refuse", 1);
        var expected = await RegistryFaultEnv.TagDigestAsync(repo, "v1");
        _env.Proxy.Refuse();

        var (elapsed, error) = await RegistryFaultEnv.TimedAsync(async () =>
        {
            using var session = _env.Session();
            await session.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct);
        });

        var ex = Assert.IsType<ImageRollException>(error);
        Assert.Equal(RegistryErrors.Unreachable, ex.Code);
        Assert.Equal(3, ex.ExitCode);
        Assert.Contains($"the registry at {_env.Registry} refused the connection", ex.Message, StringComparison.Ordinal);
        Assert.True(elapsed < Generous, $"took {elapsed}");
        Assert.All(_env.Logs.Warnings, w => Assert.DoesNotContain("HEAD", w, StringComparison.Ordinal));
        Assert.Contains(_env.Logs.Warnings, w => w.Contains("refused the connection", StringComparison.Ordinal));

        _env.Proxy.Accept();
        using var again = _env.Session();
        Assert.Equal(expected, (await again.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct)).Digest);
    }

    [Fact]
    public async Task Resolve_against_a_registry_that_accepts_and_never_answers_ends_at_the_first_byte_bound_and_says_so()
    {
        var repo = await _env.SeedAsync("silent", 2);
        var expected = await RegistryFaultEnv.TagDigestAsync(repo, "v1");
        _env.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));

        var (elapsed, error) = await RegistryFaultEnv.TimedAsync(async () =>
        {
            using var session = _env.Session(o => o with { MaxAttempts = 2 });
            await session.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct);
        });

        var ex = Assert.IsType<ImageRollException>(error);
        Assert.Equal(RegistryErrors.Unreachable, ex.Code);
        Assert.Contains($"the registry at {_env.Registry} accepted the connection but sent no answer within 2s", ex.Message, StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2) && elapsed < Generous, $"took {elapsed}");

        _env.Proxy.Clear();
        using var again = _env.Session();
        Assert.Equal(expected, (await again.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct)).Digest);
    }

    [Fact]
    public async Task Insecure_fallback_to_http_against_a_silent_registry_leaves_the_deadline_to_the_http_attempt()
    {
        _env.Proxy.Add(new FaultRule(FaultAction.Blackhole, times: -1));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(4));

        var (elapsed, error) = await RegistryFaultEnv.TimedAsync(async () =>
        {
            // The default bounds (30 s to the first byte): the command's deadline ends the wait.
            using var session = _env.Session(o => o with { Bounds = NetworkBounds.Default });
            await session.ResolveAsync(ImageReference.Parse($"{_env.Registry}/it/never:v1"), deadline.Token);
        });

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        var said = WaitCanceledException.DescribeFrom(error);
        Assert.NotNull(said);
        Assert.Contains("over https", said, StringComparison.Ordinal);
        Assert.Contains("did not complete the TLS handshake within 1s", said, StringComparison.Ordinal);
        Assert.Contains("over http,", said, StringComparison.Ordinal);
        Assert.Contains("sent no answer after", said, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
        Assert.Equal(["TLS", "GET /v2/"], _env.Proxy.Requests);
    }

    [Fact]
    public async Task Resolve_waits_out_503_with_Retry_After_and_returns_the_digest_the_registry_has()
    {
        var repo = await _env.SeedAsync("retry-after", 3);
        var expected = await RegistryFaultEnv.TagDigestAsync(repo, "v1");
        var rule = _env.Proxy.Add(new FaultRule(FaultAction.Respond, times: 2) { Method = "HEAD", Path = "/manifests/", Status = 503, RetryAfterSeconds = 1 });

        using var session = _env.Session();
        var resolved = await session.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct);

        Assert.Equal(expected, resolved.Digest);
        Assert.Equal(2, rule.Hits);
        Assert.Equal(2, _env.Logs.Warnings.Count(w => w.Contains("answered 503 Service Unavailable", StringComparison.Ordinal) && w.Contains("retrying in 1.0s", StringComparison.Ordinal)));
        Assert.Contains(_env.Logs.Warnings, w => w.StartsWith($"Registry {_env.Registry}: looking up {repo}:v1 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Version_check_throttled_with_429_is_retried_and_the_resolve_succeeds()
    {
        var repo = await _env.SeedAsync("throttle", 4);
        var expected = await RegistryFaultEnv.TagDigestAsync(repo, "v1");
        _env.Proxy.Add(new FaultRule(FaultAction.Respond) { Method = "GET", Path = "^/v2/$", Status = 429, RetryAfterSeconds = 1 });

        using var session = _env.Session();
        var resolved = await session.ResolveAsync(ImageReference.Parse($"{_env.Registry}/{repo}:v1"), Ct);

        Assert.Equal(expected, resolved.Digest);
        Assert.Equal(2, _env.Proxy.Requests.Count(r => r == "GET /v2/"));
    }

    [Fact]
    public async Task Push_whose_blob_upload_is_reset_retries_cancels_the_abandoned_session_and_pushes_the_right_digest()
    {
        var (layout, digest) = _env.SmallLayout(5);
        var repo = RegistryTestEnv.UniqueRepo("push-reset");
        var rule = _env.Proxy.Add(new FaultRule(FaultAction.Reset) { Method = "PUT", Path = "/blobs/uploads/" });

        await using var source = await ImageSourceFactory.OpenAsync(layout, null, Ct);
        using var session = _env.Session();
        var result = await new ImagePusher(session).PushAsync(source, ImageReference.Parse($"{_env.Registry}/{repo}:v1"), [], null, Ct);

        Assert.Equal(digest, result.Digest);
        Assert.Equal(digest, await RegistryFaultEnv.TagDigestAsync(repo, "v1"));
        Assert.Equal(1, rule.Hits);
        Assert.Contains(_env.Proxy.Requests, r => r.StartsWith($"DELETE /v2/{repo}/blobs/uploads/", StringComparison.Ordinal));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(repo, "v1");
    }

    [Fact]
    public async Task Push_with_manifest_writes_failing_500_is_IR1008_leaves_no_tag_and_a_rerun_converges()
    {
        var (layout, digest) = _env.SmallLayout(6);
        var repo = RegistryTestEnv.UniqueRepo("push-500");
        _env.Proxy.Add(new FaultRule(FaultAction.Respond, times: -1) { Method = "PUT", Path = "/manifests/", Status = 500 });

        var (elapsed, error) = await RegistryFaultEnv.TimedAsync(() => PushAsync(layout, repo));

        var ex = Assert.IsType<ImageRollException>(error);
        Assert.Equal(RegistryErrors.RetriesExhausted, ex.Code);
        Assert.Contains("answered 500 Internal Server Error", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"writing manifest {repo}:v1", ex.Message, StringComparison.Ordinal);
        Assert.True(elapsed < Generous, $"took {elapsed}");
        Assert.Null(await RegistryFaultEnv.TagDigestAsync(repo, "v1"));

        _env.Proxy.Clear();
        await PushAsync(layout, repo);
        Assert.Equal(digest, await RegistryFaultEnv.TagDigestAsync(repo, "v1"));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(repo, "v1");
    }

    [Fact]
    public async Task Push_to_a_registry_that_stops_reading_the_upload_is_caught_by_the_idle_bound_and_retried()
    {
        var (layout, digest, layer) = _env.LargeLayout(7, 12L * 1024 * 1024);
        var repo = RegistryTestEnv.UniqueRepo("push-stall");
        var rule = _env.Proxy.Add(new FaultRule(FaultAction.StallRequest) { Method = "PUT", Path = "/blobs/uploads/.*digest=sha256.{1,3}" + layer[7..], AfterBytes = 64 * 1024 });

        await PushAsync(layout, repo);

        Assert.Equal(1, rule.Hits);
        Assert.Equal(digest, await RegistryFaultEnv.TagDigestAsync(repo, "v1"));
        Assert.Contains(_env.Logs.Warnings, w => w.Contains($"the registry at {_env.Registry} stopped reading the request", StringComparison.Ordinal)
            && w.Contains("nothing more was accepted for 2s", StringComparison.Ordinal));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(repo, "v1");
    }

    [Theory]
    [InlineData(FaultAction.StallAnswer)]
    [InlineData(FaultAction.ResetAnswer)]
    public async Task Copy_whose_source_blob_breaks_mid_body_retries_and_copies_the_same_digest(FaultAction action)
    {
        var source = await _env.SeedAsync("copy-src", 8);
        var expected = await RegistryFaultEnv.TagDigestAsync(source, "v1");
        var destination = RegistryTestEnv.UniqueRepo("copy-dst");
        var rule = _env.Proxy.Add(new FaultRule(action) { Method = "GET", Path = "/blobs/sha256:", AfterBytes = 100 });

        // Source through the proxy, destination straight: two hosts, so blobs stream through ImageRoll (no mount).
        using var session = _env.Session();
        var result = await new ImageCopier(session).CopyAsync(
            ImageReference.Parse($"{_env.Registry}/{source}:v1"), ImageReference.Parse($"{RegistryTestEnv.Plain}/{destination}:v1"), null, Ct);

        Assert.Equal(expected, result.Digest);
        Assert.Equal(1, rule.Hits);
        Assert.Equal(expected, await RegistryFaultEnv.TagDigestAsync(destination, "v1"));
        Assert.Contains(_env.Logs.Warnings, w => w.Contains("downloading blob", StringComparison.Ordinal) || w.Contains("uploading blob", StringComparison.Ordinal));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(destination, "v1");
    }

    [Fact]
    public async Task Copy_to_a_registry_failing_manifest_writes_leaves_no_tag_and_a_rerun_converges()
    {
        var source = await _env.SeedAsync("copy-fail-src", 9);
        var expected = await RegistryFaultEnv.TagDigestAsync(source, "v1");
        var destination = RegistryTestEnv.UniqueRepo("copy-fail-dst");
        _env.Proxy.Add(new FaultRule(FaultAction.Respond, times: -1) { Method = "PUT", Path = "/manifests/", Status = 503 });

        var (_, error) = await RegistryFaultEnv.TimedAsync(() => CopyAsync(source, destination));

        Assert.Equal(RegistryErrors.RetriesExhausted, Assert.IsType<ImageRollException>(error).Code);
        Assert.Null(await RegistryFaultEnv.TagDigestAsync(destination, "v1"));

        _env.Proxy.Clear();
        await CopyAsync(source, destination);
        Assert.Equal(expected, await RegistryFaultEnv.TagDigestAsync(destination, "v1"));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(destination, "v1");
    }

    private async Task PushAsync(string layout, string repo)
    {
        await using var source = await ImageSourceFactory.OpenAsync(layout, null, Ct);
        using var session = _env.Session();
        await new ImagePusher(session).PushAsync(source, ImageReference.Parse($"{_env.Registry}/{repo}:v1"), [], null, Ct);
    }

    private async Task CopyAsync(string source, string destination)
    {
        using var session = _env.Session();
        await new ImageCopier(session).CopyAsync(
            ImageReference.Parse($"{RegistryTestEnv.Plain}/{source}:v1"), ImageReference.Parse($"{_env.Registry}/{destination}:v1"), null, Ct);
    }
}
