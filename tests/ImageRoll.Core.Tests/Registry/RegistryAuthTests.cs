using System.Net;
using System.Text;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;

namespace ImageRoll.Core.Tests.Registry;

public sealed class RegistryAuthTests
{
    private const string Realm = "https://auth.example/token";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Basic_challenge_sends_the_stored_username_and_password()
    {
        var fake = new FakeRegistry { BasicAuth = ("alice", "s3cret") };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("alice", "s3cret", null));

        Assert.False(await client.BlobExistsAsync("app/web", "sha256:" + new string('a', 64), Ct));

        var head = Assert.Single(fake.Seen("HEAD", "/blobs/"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")), head.Authorization);
        Assert.Null(Assert.Single(fake.Seen("GET", "/v2/")).Authorization);
    }

    [Fact]
    public async Task Wrong_password_is_IR1002_naming_the_registry_and_how_to_log_in()
    {
        var fake = new FakeRegistry { BasicAuth = ("alice", "right") };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("alice", "wrong", null));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.HeadManifestAsync("app/web", "v1", Ct));

        Assert.Equal(RegistryErrors.AuthenticationFailed, ex.Code);
        Assert.Equal(FailureKind.OperationFailed, ex.Kind);
        Assert.Contains("reg.example", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alice", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", ex.Message + ex.Hint, StringComparison.Ordinal);
        Assert.Contains("docker login reg.example", ex.Hint, StringComparison.Ordinal);
        Assert.Contains("IMAGEROLL_REGISTRY_USERNAME", ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_challenge_fetches_a_token_with_exact_push_and_mount_scopes()
    {
        var fake = new FakeRegistry { BearerRealm = Realm };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("bob", "pw", null));

        await client.TryMountBlobAsync("app/web", "sha256:" + new string('b', 64), "base/runtime", Ct);

        var query = Assert.Single(fake.TokenQueries);
        Assert.Equal("service=fake-registry&scope=repository:app/web:pull,push&scope=repository:base/runtime:pull&account=bob", query);
        var token = Assert.Single(fake.Seen("GET", "/token"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pw")), token.Authorization);
        Assert.Equal("Bearer t1", Assert.Single(fake.Seen("POST", "/blobs/uploads/")).Authorization);
    }

    [Fact]
    public async Task Anonymous_bearer_token_request_carries_no_credentials()
    {
        var fake = new FakeRegistry { BearerRealm = Realm };
        using var client = RegistryTestClients.Create(fake);

        await client.HeadManifestAsync("library/busybox", "latest", Ct);

        Assert.Equal("service=fake-registry&scope=repository:library/busybox:pull", Assert.Single(fake.TokenQueries));
        Assert.Null(Assert.Single(fake.Seen("GET", "/token")).Authorization);
    }

    [Fact]
    public async Task Identity_token_uses_the_oauth2_refresh_token_grant()
    {
        var fake = new FakeRegistry { BearerRealm = Realm };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("<token>", null, "refresh-123"));

        await client.BlobExistsAsync("app/web", "sha256:" + new string('c', 64), Ct);

        Assert.Empty(fake.TokenQueries);
        var form = System.Web.HttpUtility.ParseQueryString(fake.LastTokenForm!);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("refresh-123", form["refresh_token"]);
        Assert.Equal("fake-registry", form["service"]);
        Assert.Equal("repository:app/web:pull", form["scope"]);
        Assert.Equal("Bearer t1", Assert.Single(fake.Seen("HEAD", "/blobs/")).Authorization);
    }

    [Fact]
    public async Task Token_is_reused_for_requests_with_the_same_scope()
    {
        var fake = new FakeRegistry { BearerRealm = Realm };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("bob", "pw", null));

        await client.BlobExistsAsync("app/web", "sha256:" + new string('1', 64), Ct);
        await client.BlobExistsAsync("app/web", "sha256:" + new string('2', 64), Ct);
        await client.HeadManifestAsync("app/web", "v1", Ct);
        await client.HeadManifestAsync("app/other", "v1", Ct);

        Assert.Equal(2, fake.TokenQueries.Count);
        Assert.All(fake.Seen("HEAD", "/app/web/"), r => Assert.Equal("Bearer t1", r.Authorization));
    }

    [Fact]
    public async Task Unauthorized_after_a_fresh_token_is_a_clear_error_after_one_retry()
    {
        var fake = new FakeRegistry { BearerRealm = Realm, AcceptTokens = false };
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("bob", "pw", null));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.HeadManifestAsync("app/web", "v1", Ct));

        Assert.Equal(RegistryErrors.AuthenticationFailed, ex.Code);
        Assert.Contains("reg.example", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.TokensIssued.Count);
        Assert.DoesNotContain("t1", ex.Message + ex.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_service_rejecting_the_password_is_IR1002()
    {
        var fake = new FakeRegistry { BearerRealm = Realm };
        fake.Intercept = (request, _) => request.RequestUri!.AbsolutePath == "/token" ? new HttpResponseMessage(HttpStatusCode.Unauthorized) : null;
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("bob", "bad", null));

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.HeadManifestAsync("app/web", "v1", Ct));

        Assert.Equal(RegistryErrors.AuthenticationFailed, ex.Code);
        Assert.Contains("bob", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_is_IR1003_access_denied()
    {
        var fake = new FakeRegistry
        {
            Intercept = (request, _) => request.Method == HttpMethod.Post ? new HttpResponseMessage(HttpStatusCode.Forbidden) : null,
        };
        using var client = RegistryTestClients.Create(fake);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.UploadBlobAsync("app/web", "sha256:" + new string('d', 64), 1, _ => Task.FromResult<Stream>(new MemoryStream([1])), Ct));

        Assert.Equal(RegistryErrors.AccessDenied, ex.Code);
    }

    [Theory]
    [InlineData("Bearer realm=\"https://a.example/token\",service=\"reg\",scope=\"repository:x/y:pull,push\"", "Bearer", "https://a.example/token", "reg", "repository:x/y:pull,push")]
    [InlineData("Basic realm=\"Registry Realm\"", "Basic", "Registry Realm", null, null)]
    [InlineData("Bearer realm=https://a.example/t,service=reg", "Bearer", "https://a.example/t", "reg", null)]
    public void Challenge_parses_quoted_values_with_commas(string header, string scheme, string realm, string? service, string? scope)
    {
        var challenge = AuthChallenge.TryParse(header)!;

        Assert.Equal(scheme, challenge.Scheme);
        Assert.Equal(realm, challenge.Realm);
        Assert.Equal(service, challenge.Service);
        Assert.Equal(scope, challenge.Scope);
    }
}
