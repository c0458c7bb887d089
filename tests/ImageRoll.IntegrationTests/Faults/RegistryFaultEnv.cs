using System.Diagnostics;
using ImageRoll.Images;
using ImageRoll.Images.Archives;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.Net;
using ImageRoll.Registry;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// The real plain-HTTP registry behind a <see cref="FaultProxy"/>, engine sessions with short bounds (so a bound, not
/// the test's patience, ends each wait), and the checks every fault scenario makes afterwards: straight to the
/// registry (not through the proxy), no tag names a manifest whose blobs are missing.
/// </summary>
public sealed class RegistryFaultEnv : IAsyncDisposable
{
    /// <summary>Short bounds: every fault surfaces within seconds.</summary>
    public static readonly NetworkBounds ShortBounds = new() { Connect = TimeSpan.FromSeconds(2), FirstByte = TimeSpan.FromSeconds(2), Idle = TimeSpan.FromSeconds(2) };

    private RegistryFaultEnv(FaultProxy proxy)
    {
        Proxy = proxy;
    }

    public RegistryTestEnv Files { get; } = new();

    public FaultProxy Proxy { get; }

    public RecordingLoggerFactory Logs { get; } = new();

    /// <summary>The registry as ImageRoll sees it: through the proxy.</summary>
    public string Registry => Proxy.Address;

    public static RegistryFaultEnv Start() => new(FaultProxy.Start(RegistryTestEnv.Plain));

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A session through the proxy (and straight to the registry), both insecure, with short bounds and quick retries.</summary>
    public RegistrySession Session(Func<RegistryClientOptions, RegistryClientOptions>? configure = null)
    {
        var options = new RegistryClientOptions
        {
            InsecureRegistries = [Registry, RegistryTestEnv.Plain],
            Bounds = ShortBounds,
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            InsecureTlsProbe = TimeSpan.FromSeconds(1),
            LoggerFactory = Logs,
        };
        return new RegistrySession(configure?.Invoke(options) ?? options);
    }

    /// <summary>Writes a small image (2 layers) into a fresh OCI layout; returns the directory and the manifest digest.</summary>
    public (string Layout, string Digest) SmallLayout(int seed, int layerSize = 4096)
    {
        var layout = new OciLayoutWriter(Files.NewDir("layout"));
        var image = layout.WriteSmallImage(seed, layerSize: layerSize);
        return (layout.Directory, image.Digest);
    }

    /// <summary>Writes an image with one random layer of <paramref name="size"/> bytes; returns the layer's digest too.</summary>
    public (string Layout, string Digest, string Layer) LargeLayout(int seed, long size)
    {
        var layout = new OciLayoutWriter(Files.NewDir("layout"));
        var layer = layout.WriteRandomBlob(size, seed);
        var image = layout.WriteImage([layer]);
        layout.WriteLayoutIndex(image);
        return (layout.Directory, image.Digest, layer.Digest);
    }

    /// <summary>Pushes a layout straight to the registry (no faults) as REPO:v1; returns the repository.</summary>
    public async Task<string> SeedAsync(string name, int seed)
    {
        var repo = RegistryTestEnv.UniqueRepo(name);
        var (layout, _) = SmallLayout(seed, layerSize: 64 * 1024);
        await using var source = await ImageSourceFactory.OpenAsync(layout, null, Ct);
        using var session = Session();
        await new ImagePusher(session).PushAsync(source, ImageReference.Parse($"{RegistryTestEnv.Plain}/{repo}:v1"), [], null, Ct);
        return repo;
    }

    /// <summary>The digest REPO:TAG has straight from the registry, or null when the tag does not exist.</summary>
    public static async Task<string?> TagDigestAsync(string repo, string tag)
    {
        using var session = new RegistrySession(new RegistryClientOptions { InsecureRegistries = [RegistryTestEnv.Plain] });
        var head = await session.For(RegistryTestEnv.Plain).HeadManifestAsync(repo, tag, Ct);
        return head?.Digest;
    }

    /// <summary>Fails when REPO:TAG exists but names a manifest one of whose blobs the registry lacks.</summary>
    public static async Task AssertNoDanglingManifestAsync(string repo, string tag)
    {
        using var session = new RegistrySession(new RegistryClientOptions { InsecureRegistries = [RegistryTestEnv.Plain] });
        var client = session.For(RegistryTestEnv.Plain);
        if (await client.HeadManifestAsync(repo, tag, Ct) is null)
        {
            return;
        }

        var manifest = await client.GetManifestAsync(repo, tag, Ct);
        using var doc = System.Text.Json.JsonDocument.Parse(manifest.Bytes);
        var digests = new List<string> { doc.RootElement.GetProperty("config").GetProperty("digest").GetString()! };
        digests.AddRange(doc.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!));
        foreach (var digest in digests)
        {
            Assert.True(await client.BlobExistsAsync(repo, digest, Ct), $"{repo}:{tag} names blob {digest}, which the registry does not have");
        }
    }

    /// <summary>Runs <paramref name="action"/> and returns how long it took with what it threw (or null).</summary>
    public static async Task<(TimeSpan Elapsed, Exception? Error)> TimedAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await action();
            return (watch.Elapsed, null);
        }
#pragma warning disable CA1031 // The scenario asserts on what was thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (watch.Elapsed, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        Files.Dispose();
    }
}
