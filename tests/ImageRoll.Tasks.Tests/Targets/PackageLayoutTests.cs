using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>The packed ImageRoll.Tasks.nupkg: a development dependency whose task folder carries everything it loads.</summary>
public sealed class PackageLayoutTests(TasksPackage package)
{
    [Fact]
    public async Task Package_is_a_development_dependency_with_no_lib_and_no_dependencies()
    {
        using var zip = await OpenAsync();
        var nuspec = XDocument.Load(zip.GetEntry("ImageRoll.Tasks.nuspec")!.Open());
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Null(metadata.Element(ns + "dependencies"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) || e.FullName.StartsWith("ref/", StringComparison.Ordinal));
        Assert.Contains(zip.Entries, e => e.FullName == "build/ImageRoll.Tasks.props");
        Assert.Contains(zip.Entries, e => e.FullName == "build/ImageRoll.Tasks.targets");
        Assert.Contains(zip.Entries, e => e.FullName == "buildMultiTargeting/ImageRoll.Tasks.targets");
    }

    [Fact]
    public async Task Task_folder_holds_every_runtime_assembly_of_its_deps_json_and_none_of_MSBuilds()
    {
        using var zip = await OpenAsync();
        var files = zip.Entries.Where(e => e.FullName.StartsWith("tasks/net8.0/", StringComparison.Ordinal)).Select(e => e.Name).ToHashSet();
        using var deps = JsonDocument.Parse(zip.GetEntry("tasks/net8.0/ImageRoll.Tasks.deps.json")!.Open());
        var runtime = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .Where(l => l.Value.TryGetProperty("runtime", out _))
            .SelectMany(l => l.Value.GetProperty("runtime").EnumerateObject().Select(r => Path.GetFileName(r.Name)))
            .ToList();

        Assert.Contains("ImageRoll.Tasks.dll", runtime);
        Assert.Contains("ImageRoll.Core.dll", runtime);
        Assert.Contains("YamlDotNet.dll", runtime);
        Assert.All(runtime, r => Assert.Contains(r, files));
        Assert.Equal(runtime.Order(), files.Where(f => f.EndsWith(".dll", StringComparison.Ordinal)).Order());
        Assert.DoesNotContain(files, f => f.StartsWith("Microsoft.Build", StringComparison.Ordinal));
    }

    private async Task<ZipArchive> OpenAsync()
    {
        await package.EnsurePackedAsync();
        return ZipFile.OpenRead(Path.Combine(package.Feed, $"ImageRoll.Tasks.{package.Version}.nupkg"));
    }
}
