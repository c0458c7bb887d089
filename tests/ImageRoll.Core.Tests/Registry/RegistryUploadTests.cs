using System.Web;
using ImageRoll.Registry;

namespace ImageRoll.Core.Tests.Registry;

public sealed class RegistryUploadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RegistryClient ChunkingClient(FakeRegistry fake, List<TimeSpan>? delays = null) =>
        RegistryTestClients.Create(fake, delays: delays, configure: o => o with { MonolithicUploadLimit = 1000, ChunkSize = 4000 });

    [Fact]
    public async Task Small_blob_is_one_post_and_one_put_with_the_body()
    {
        var fake = new FakeRegistry();
        using var client = RegistryTestClients.Create(fake);
        var blob = RegistryTestClients.RandomBytes(500, 1);
        var digest = FakeRegistry.Digest(blob);

        await client.UploadBlobAsync("app/web", digest, blob.Length, _ => Task.FromResult<Stream>(new MemoryStream(blob)), Ct);

        Assert.Equal(blob, fake.Blobs[digest]);
        Assert.Empty(fake.Seen("PATCH", "/"));
        Assert.Equal(500, Assert.Single(fake.Seen("PUT", "/blobs/uploads/")).BodyLength);
    }

    [Fact]
    public async Task Large_blob_is_streamed_in_patches_following_each_new_location()
    {
        var fake = new FakeRegistry { RelativeLocations = false };
        using var client = ChunkingClient(fake);
        var blob = RegistryTestClients.RandomBytes(10_000, 2);
        var digest = FakeRegistry.Digest(blob);

        await client.UploadBlobAsync("app/web", digest, blob.Length, _ => Task.FromResult<Stream>(new MemoryStream(blob)), Ct);

        Assert.Equal(blob, fake.Blobs[digest]);
        var patches = fake.Seen("PATCH", "/blobs/uploads/").ToList();
        Assert.Equal(["0-3999", "4000-7999", "8000-9999"], patches.Select(p => p.ContentRange));
        Assert.Equal(["_state=0", "_state=4000", "_state=8000"], patches.Select(p => p.Uri.Query.TrimStart('?')));
        var put = Assert.Single(fake.Seen("PUT", "/blobs/uploads/"));
        Assert.Equal("https://reg.example/v2/app/web/blobs/uploads/u1", put.Uri.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(put.Uri.Query);
        Assert.Equal("10000", query["_state"]);
        Assert.Equal(digest, query["digest"]);
        Assert.Equal(0, put.BodyLength);
    }

    [Fact]
    public async Task Relative_location_is_resolved_against_the_registry()
    {
        var fake = new FakeRegistry { RelativeLocations = true };
        using var client = ChunkingClient(fake);
        var blob = RegistryTestClients.RandomBytes(5_000, 3);

        await client.UploadBlobAsync("app/web", FakeRegistry.Digest(blob), blob.Length, _ => Task.FromResult<Stream>(new MemoryStream(blob)), Ct);

        Assert.All(fake.Seen("PATCH", "/"), p => Assert.Equal("reg.example", p.Uri.Host));
        Assert.Equal("/v2/app/web/blobs/uploads/u1", Assert.Single(fake.Seen("PUT", "/")).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Dropped_connection_mid_upload_restarts_from_a_new_post_with_a_reopened_stream()
    {
        var fake = new FakeRegistry();
        var patches = 0;
        fake.Intercept = (request, _) => request.Method == HttpMethod.Patch && Interlocked.Increment(ref patches) == 2
            ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("connection reset"))
            : null;
        var delays = new List<TimeSpan>();
        using var client = ChunkingClient(fake, delays);
        var blob = RegistryTestClients.RandomBytes(10_000, 4);
        var digest = FakeRegistry.Digest(blob);
        var opened = 0;

        await client.UploadBlobAsync("app/web", digest, blob.Length, _ =>
        {
            opened++;
            return Task.FromResult<Stream>(new MemoryStream(blob));
        }, Ct);

        Assert.Equal(2, opened);
        Assert.Single(delays);
        Assert.Equal(2, fake.Seen("POST", "/blobs/uploads/").Count());
        Assert.Equal(blob, fake.Blobs[digest]);
        Assert.Contains("/u2", Assert.Single(fake.Seen("PUT", "/")).Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_upload_session_restarts_the_upload()
    {
        var fake = new FakeRegistry();
        var first = true;
        fake.Intercept = (request, _) =>
        {
            if (request.Method == HttpMethod.Put && first)
            {
                first = false;
                fake.Uploads.Clear();
            }

            return null;
        };
        using var client = RegistryTestClients.Create(fake);
        var blob = RegistryTestClients.RandomBytes(100, 5);

        await client.UploadBlobAsync("app/web", FakeRegistry.Digest(blob), blob.Length, _ => Task.FromResult<Stream>(new MemoryStream(blob)), Ct);

        Assert.Equal(2, fake.Seen("POST", "/").Count());
        Assert.Equal(blob, fake.Blobs[FakeRegistry.Digest(blob)]);
    }

    [Fact]
    public async Task Corrupt_blob_is_IR1009_without_retrying()
    {
        var fake = new FakeRegistry();
        using var client = RegistryTestClients.Create(fake);
        var blob = RegistryTestClients.RandomBytes(100, 6);

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => client.UploadBlobAsync("app/web", "sha256:" + new string('0', 64), blob.Length, _ => Task.FromResult<Stream>(new MemoryStream(blob)), Ct));

        Assert.Equal(RegistryErrors.BlobRejected, ex.Code);
        Assert.Single(fake.Seen("POST", "/"));
    }

    [Fact]
    public async Task Mount_answers_true_on_201_and_false_on_202()
    {
        var fake = new FakeRegistry();
        var blob = RegistryTestClients.RandomBytes(10, 7);
        fake.Blobs[FakeRegistry.Digest(blob)] = blob;
        using var client = RegistryTestClients.Create(fake);

        Assert.True(await client.TryMountBlobAsync("app/web", FakeRegistry.Digest(blob), "base/x", Ct));
        Assert.False(await client.TryMountBlobAsync("app/web", "sha256:" + new string('9', 64), "base/x", Ct));
        var mount = HttpUtility.ParseQueryString(fake.Seen("POST", "/").First().Uri.Query);
        Assert.Equal(FakeRegistry.Digest(blob), mount["mount"]);
        Assert.Equal("base/x", mount["from"]);
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000", true)]
    [InlineData("127.0.0.1", "127.0.0.1:5000", true)]
    [InlineData("127.0.0.1:5001", "127.0.0.1:5000", false)]
    [InlineData("REG.example", "reg.example", true)]
    [InlineData("other.example", "reg.example", false)]
    [InlineData("[::1]", "[::1]:5000", true)]
    public void Insecure_registry_matches_host_with_or_without_port(string entry, string host, bool expected)
    {
        var policy = RegistryHostPolicy.For(host, new RegistryClientOptions { InsecureRegistries = [entry] });

        Assert.Equal(expected, policy.Insecure);
    }
}
