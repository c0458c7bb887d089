using System.Diagnostics;
using System.Globalization;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.Benchmarks.Registry;

/// <summary>
/// Whole-process comparison: <c>imageroll push</c> vs <c>skopeo copy oci:DIR docker://...</c> of the same kind of
/// layout (N layers of random, incompressible data in stored gzip) into a fresh repository of a local registry, in
/// one run, alternating which goes first; then the peak RSS of <c>imageroll push</c> with one large layer.
/// Each push gets freshly generated content so neither tool can mount or skip blobs pushed earlier.
/// </summary>
public static class RegistryPushBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        var root = RepoRoot();
        var registry = Arg("--registry", ServicesValue(root, "REGISTRY") ?? string.Empty);
        var imageroll = Arg("--imageroll", Path.Combine(root, "src", "ImageRoll.Cli", "bin", "Release", "net8.0", "imageroll.dll"));
        if (registry.Length == 0 || !File.Exists(imageroll))
        {
            Console.Error.WriteLine("usage: registry-push [--registry HOST:PORT (default: REGISTRY of .services/env; run build/services.sh start registry)] [--imageroll PATH/imageroll.dll] [--size-mb 200] [--layers 4] [--runs 3] [--big-layer-mb 1024]");
            return 2;
        }

        var sizeMb = int.Parse(Arg("--size-mb", "200"), CultureInfo.InvariantCulture);
        var layers = int.Parse(Arg("--layers", "4"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Arg("--runs", "3"), CultureInfo.InvariantCulture);
        var bigMb = int.Parse(Arg("--big-layer-mb", "1024"), CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("imageroll-bench-").FullName;

        // Fresh content on every invocation: skopeo remembers where it pushed a blob (its blob-info cache) and
        // mounts it from there, so content from an earlier run would measure a mount, not an upload.
        var seedBase = Random.Shared.Next(1, int.MaxValue / 2);
        try
        {
            var ir = new List<double>();
            var sk = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var irLayout = MakeLayout(Path.Combine(work, $"ir-{run}"), layers, sizeMb * 1024L * 1024 / layers, seed: seedBase + (run * 100));
                var skLayout = MakeLayout(Path.Combine(work, $"sk-{run}"), layers, sizeMb * 1024L * 1024 / layers, seed: seedBase + (run * 100) + 50);
                var repo = $"bench/run{run}-{Guid.NewGuid().ToString("N")[..8]}";
                Func<Task<Measured>> pushIr = () => TimedAsync("dotnet", [imageroll, "push", irLayout, "--image", $"{registry}/{repo}-imageroll:v1", "--insecure-registry", registry, "-v", "m"]);
                Func<Task<Measured>> pushSk = () => TimedAsync("skopeo", ["copy", "--dest-tls-verify=false", "-q", $"oci:{skLayout}:latest", $"docker://{registry}/{repo}-skopeo:v1"]);
                Measured a, b;
                if (run % 2 == 1)
                {
                    a = await pushIr();
                    b = await pushSk();
                }
                else
                {
                    b = await pushSk();
                    a = await pushIr();
                }

                ir.Add(a.Seconds);
                sk.Add(b.Seconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: {sizeMb} MB in {layers} layers  imageroll {a.Seconds:0.000} s (max RSS {a.MaxRssMb:0} MB)  skopeo {b.Seconds:0.000} s (max RSS {b.MaxRssMb:0} MB)  ratio {a.Seconds / b.Seconds:0.00}"));
                Directory.Delete(irLayout, true);
                Directory.Delete(skLayout, true);
            }

            var ratio = Median(ir) / Median(sk);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: imageroll {Median(ir):0.000} s, skopeo {Median(sk):0.000} s, ratio imageroll/skopeo {ratio:0.00}"));

            var big = MakeLayout(Path.Combine(work, "big"), 1, bigMb * 1024L * 1024, seed: seedBase + 7777);
            var memory = await TimedAsync("dotnet", [imageroll, "push", big, "--image", $"{registry}/bench/big-{Guid.NewGuid().ToString("N")[..8]}:v1", "--insecure-registry", registry, "-v", "m"]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"imageroll push of one {bigMb} MB layer: {memory.Seconds:0.000} s, peak RSS {memory.MaxRssMb:0.0} MB (target < 100 MB)"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tasks.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string? ServicesValue(string root, string key)
    {
        var env = Path.Combine(root, ".services", "env");
        return File.Exists(env)
            ? File.ReadLines(env).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..].Trim()).FirstOrDefault()
            : null;
    }

    private static string MakeLayout(string dir, int layers, long layerSize, int seed)
    {
        var writer = new OciLayoutWriter(dir);
        var blobs = Enumerable.Range(0, layers).Select(i => writer.WriteStoredGzipRandomBlob(layerSize, seed + i)).ToList();
        writer.WriteLayoutIndex(writer.WriteImage(blobs));
        return dir;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Runs the command under GNU time for its peak RSS; wall-clock from a stopwatch around the process.</summary>
    private static async Task<Measured> TimedAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add("MAXRSS_KB=%M");
        psi.ArgumentList.Add(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        watch.Stop();
        var err = await stderr.ConfigureAwait(false);
        _ = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {err}");
        }

        var line = err.Split('\n').Last(l => l.StartsWith("MAXRSS_KB=", StringComparison.Ordinal));
        var kb = double.Parse(line["MAXRSS_KB=".Length..], CultureInfo.InvariantCulture);
        return new Measured(watch.Elapsed.TotalSeconds, kb / 1024);
    }

    private sealed record Measured(double Seconds, double MaxRssMb);
}
