using System.Collections.Concurrent;
using System.Text;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;

namespace ImageRoll.Core.Tests.Registry;

public sealed class ImageTransferTests
{
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Index_push_uploads_blobs_then_children_by_digest_then_the_index_under_each_tag()
    {
        var fake = new FakeRegistry();
        var graph = InMemoryGraph.MultiArch();
        using var client = RegistryTestClients.Create(fake);

        var result = await new ImageTransfer(client, "app/multi", NullLogger(), null).RunAsync(graph, ["v1", "latest"], Ct);

        var order = fake.Requests.Where(r => r.Method == "PUT").Select(r => r.Uri.AbsolutePath).ToList();
        var firstManifest = order.FindIndex(p => p.Contains("/manifests/", StringComparison.Ordinal));
        Assert.True(order.Take(firstManifest).All(p => p.Contains("/blobs/uploads/", StringComparison.Ordinal)));
        Assert.Equal(
            [$"/v2/app/multi/manifests/{graph.Children[0].Digest}", $"/v2/app/multi/manifests/{graph.Children[1].Digest}", "/v2/app/multi/manifests/v1", "/v2/app/multi/manifests/latest"],
            order.Skip(firstManifest));
        Assert.Equal(graph.Root.Digest, result.Digest);
        Assert.Equal($"reg.example/app/multi@{graph.Root.Digest}", result.DigestReference);
        Assert.Equal(4, result.BlobsUploaded);
        Assert.Equal(2, result.ChildManifests);
        Assert.Equal(["v1", "latest"], result.Tags);
    }

    [Fact]
    public async Task Blob_uploads_run_concurrently_but_never_more_than_the_limit()
    {
        var fake = new FakeRegistry();
        var graph = InMemoryGraph.ManyLayers(10);
        using var client = RegistryTestClients.Create(fake, configure: o => o with { MaxConcurrentBlobs = 3 });

        await new ImageTransfer(client, "app/wide", NullLogger(), null).RunAsync(graph, ["v1"], Ct);

        Assert.InRange(graph.MaxConcurrentOpens, 2, 3);
        Assert.Equal(11, fake.Blobs.Count);
    }

    [Fact]
    public async Task Blobs_the_registry_has_are_skipped_and_progress_reports_each_blob()
    {
        var fake = new FakeRegistry();
        var graph = InMemoryGraph.ManyLayers(2);
        foreach (var (digest, bytes) in graph.Blobs)
        {
            fake.Blobs[digest] = bytes;
        }

        var reports = new ConcurrentQueue<TransferProgress>();
        using var client = RegistryTestClients.Create(fake);

        var result = await new ImageTransfer(client, "app/again", NullLogger(), new SyncProgress(reports)).RunAsync(graph, ["v1"], Ct);

        Assert.Equal(3, result.BlobsSkipped);
        Assert.Empty(fake.Seen("POST", "/blobs/uploads/"));
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(BlobTransfer.Skipped, r.Outcome));
        Assert.Equal(3, reports.Max(r => r.BlobsDone));
    }

    [Fact]
    public async Task Debug_logs_never_contain_credentials_or_tokens()
    {
        var fake = new FakeRegistry { BearerRealm = "https://auth.example/token" };
        var lines = new ConcurrentQueue<string>();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(lines)));
        using var client = RegistryTestClients.Create(fake, new RegistryCredential("bob", "pa55word", null), configure: o => o with { LoggerFactory = factory });
        var graph = InMemoryGraph.ManyLayers(1);

        await new ImageTransfer(client, "app/logs", factory.CreateLogger("test"), null).RunAsync(graph, ["v1"], Ct);

        Assert.NotEmpty(lines);
        var all = string.Join('\n', lines);
        Assert.DoesNotContain("pa55word", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pa55word")), all, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer t1", all, StringComparison.Ordinal);
        Assert.DoesNotContain("_state=", all, StringComparison.Ordinal);
    }

    private static ILogger NullLogger() => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class SyncProgress(ConcurrentQueue<TransferProgress> sink) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => sink.Enqueue(value);
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }

    /// <summary>An image graph held in memory; counts how many blob streams are open at once.</summary>
    private sealed class InMemoryGraph : IImageGraph
    {
        private int _open;
        private int _maxOpen;

        public Dictionary<string, byte[]> Blobs { get; } = [];

        public Dictionary<string, RegistryManifest> Manifests { get; } = [];

        public List<RegistryManifest> Children { get; } = [];

        public required RegistryManifest Root { get; init; }

        public int MaxConcurrentOpens => _maxOpen;

        public string Description => "in-memory image";

        public static InMemoryGraph ManyLayers(int layers)
        {
            var blobs = new Dictionary<string, byte[]>();
            var manifest = Image(blobs, layers, seed: 1);
            var graph = new InMemoryGraph { Root = manifest };
            foreach (var (k, v) in blobs)
            {
                graph.Blobs[k] = v;
            }

            return graph;
        }

        public static InMemoryGraph MultiArch()
        {
            var blobs = new Dictionary<string, byte[]>();
            var amd = Image(blobs, 1, seed: 2);
            var arm = Image(blobs, 1, seed: 3);
            var index = Manifest(OciIndex, $"{{\"schemaVersion\":2,\"mediaType\":\"{OciIndex}\",\"manifests\":[{Ref(amd)},{Ref(arm)}]}}");
            var graph = new InMemoryGraph { Root = index };
            graph.Children.AddRange([amd, arm]);
            graph.Manifests[amd.Digest] = amd;
            graph.Manifests[arm.Digest] = arm;
            foreach (var (k, v) in blobs)
            {
                graph.Blobs[k] = v;
            }

            return graph;
        }

        public string? MountFrom(RegistryClient destination) => null;

        public Task<RegistryManifest> GetRootAsync(CancellationToken cancellationToken) => Task.FromResult(Root);

        public Task<RegistryManifest> GetManifestAsync(BlobRef descriptor, CancellationToken cancellationToken) => Task.FromResult(Manifests[descriptor.Digest]);

        public async Task<Stream> OpenBlobAsync(BlobRef blob, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _open);
            InterlockedMax(ref _maxOpen, now);
            await Task.Delay(30, cancellationToken);
            Interlocked.Decrement(ref _open);
            return new MemoryStream(Blobs[blob.Digest]);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }

        private static RegistryManifest Image(Dictionary<string, byte[]> blobs, int layers, int seed)
        {
            string Add(byte[] bytes)
            {
                var d = FakeRegistry.Digest(bytes);
                blobs[d] = bytes;
                return $"{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"{d}\",\"size\":{bytes.Length}}}";
            }

            var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":{seed}}}");
            var configDigest = FakeRegistry.Digest(config);
            blobs[configDigest] = config;
            var layerRefs = Enumerable.Range(0, layers).Select(i => Add(RegistryTestClients.RandomBytes(100 + i, (seed * 100) + i)));
            return Manifest(OciManifest, $"{{\"schemaVersion\":2,\"mediaType\":\"{OciManifest}\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{string.Join(',', layerRefs)}]}}");
        }

        private static RegistryManifest Manifest(string mediaType, string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            return new RegistryManifest(bytes, mediaType, FakeRegistry.Digest(bytes));
        }

        private static string Ref(RegistryManifest m) => $"{{\"mediaType\":\"{m.MediaType}\",\"digest\":\"{m.Digest}\",\"size\":{m.Bytes.Length}}}";
    }
}
