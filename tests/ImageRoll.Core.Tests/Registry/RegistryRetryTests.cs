using System.Net;
using ImageRoll.Registry;

namespace ImageRoll.Core.Tests.Registry;

public sealed class RegistryRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Too_many_requests_waits_for_Retry_After_then_succeeds()
    {
        var fake = new FakeRegistry();
        var throttled = 0;
        fake.Intercept = (request, _) =>
        {
            if (request.Method == HttpMethod.Head && Interlocked.Increment(ref throttled) == 1)
            {
                var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                response.Headers.TryAddWithoutValidation("Retry-After", "7");
                return response;
            }

            return null;
        };
        var delays = new List<TimeSpan>();
        using var client = RegistryTestClients.Create(fake, delays: delays);

        Assert.False(await client.BlobExistsAsync("app/web", "sha256:" + new string('a', 64), Ct));

        Assert.Equal([TimeSpan.FromSeconds(7)], delays);
        Assert.Equal(2, fake.Seen("HEAD", "/blobs/").Count());
    }

    [Fact]
    public async Task Server_errors_are_retried_with_growing_backoff()
    {
        var fake = new FakeRegistry();
        var failures = 0;
        fake.Intercept = (request, _) => request.Method == HttpMethod.Head && Interlocked.Increment(ref failures) <= 2
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : null;
        var delays = new List<TimeSpan>();
        using var client = RegistryTestClients.Create(fake, delays: delays);

        Assert.Null(await client.HeadManifestAsync("app/web", "v1", Ct));

        Assert.Equal(2, delays.Count);
        Assert.True(delays[1] > delays[0], $"backoff should grow: {delays[0]} then {delays[1]}");
        Assert.Equal(3, fake.Seen("HEAD", "/manifests/").Count());
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_IR1008_after_the_attempt_limit()
    {
        var fake = new FakeRegistry
        {
            Intercept = (request, _) => request.RequestUri!.AbsolutePath != "/v2/" ? new HttpResponseMessage(HttpStatusCode.BadGateway) : null,
        };
        using var client = RegistryTestClients.Create(fake, configure: o => o with { MaxAttempts = 3 });

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.HeadManifestAsync("app/web", "v1", Ct));

        Assert.Equal(RegistryErrors.RetriesExhausted, ex.Code);
        Assert.Equal(3, fake.Seen("HEAD", "/manifests/").Count());
    }

    [Fact]
    public async Task Refused_connection_ends_in_IR1000_naming_the_registry()
    {
        var fake = new FakeRegistry { Intercept = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused") };
        using var client = RegistryTestClients.Create(fake, configure: o => o with { MaxAttempts = 2 });

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.CheckVersionAsync(Ct));

        Assert.Equal(RegistryErrors.Unreachable, ex.Code);
        Assert.Contains("reg.example", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_failure_is_IR1001_suggesting_registry_ca_or_insecure_registry()
    {
        var fake = new FakeRegistry
        {
            Intercept = (_, _) => throw new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established",
                new System.Security.Authentication.AuthenticationException("The remote certificate is invalid: UntrustedRoot")),
        };
        using var client = RegistryTestClients.Create(fake);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.CheckVersionAsync(Ct));

        Assert.Equal(RegistryErrors.TlsFailed, ex.Code);
        Assert.Contains("reg.example", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--registry-ca", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("--insecure-registry reg.example", ex.Hint, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Manifest_put_detects_a_registry_digest_that_differs_from_the_bytes_sent()
    {
        var fake = new FakeRegistry();
        fake.Intercept = (request, _) =>
        {
            if (request.Method != HttpMethod.Put)
            {
                return null;
            }

            var response = new HttpResponseMessage(HttpStatusCode.Created);
            response.Headers.TryAddWithoutValidation("Docker-Content-Digest", "sha256:" + new string('f', 64));
            return response;
        };
        using var client = RegistryTestClients.Create(fake);
        var manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"u8.ToArray();

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.PutManifestAsync("app/web", "v1", manifest, "application/vnd.oci.image.manifest.v1+json", Ct));

        Assert.Equal(RegistryErrors.DigestMismatch, ex.Code);
        Assert.Contains(FakeRegistry.Digest(manifest), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Manifest_put_returns_the_sha256_of_the_bytes_and_get_sends_the_full_accept_list()
    {
        var fake = new FakeRegistry();
        using var client = RegistryTestClients.Create(fake);
        var manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}"u8.ToArray();
        string? accept = null;
        fake.Intercept = (request, _) =>
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/manifests/", StringComparison.Ordinal))
            {
                accept = request.Headers.Accept.ToString();
            }

            return null;
        };

        var digest = await client.PutManifestAsync("app/web", "v1", manifest, "application/vnd.docker.distribution.manifest.v2+json", Ct);
        var fetched = await client.GetManifestAsync("app/web", "v1", Ct);

        Assert.Equal(FakeRegistry.Digest(manifest), digest);
        Assert.Equal(digest, fetched.Digest);
        Assert.Equal("application/vnd.docker.distribution.manifest.v2+json", fetched.MediaType);
        foreach (var type in new[] { "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json" })
        {
            Assert.Contains(type, accept, StringComparison.Ordinal);
        }
    }
}
