using System.IO.Compression;
using System.Xml.Linq;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// ImageRoll.Tool.Native as users get it with the .NET 10 SDK (build/native.sh --install packs it into
/// artifacts/native/packages and installs it with <c>dotnet tool install</c>): on linux-x64 the command is the native AOT
/// binary, not a .NET app; the pointer package also names the portable <c>any</c> package, which the SDK installs on
/// every other platform and which runs too. The other native tests (releases, signals, Docker builds, rollouts) run
/// the installed command through <see cref="CliHost.Native"/>.
/// </summary>
public sealed class NativeToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-native-tool-").FullName;

    private static string Packages => Path.Combine(TestServices.RepoRoot, "artifacts", "native", "packages");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_installed_command_is_the_native_binary_and_reports_the_portable_tools_version()
    {
        var command = ImageRollCli.NativeBinary();
        var target = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;

        var head = new byte[4];
        await using (var file = File.OpenRead(target))
        {
            await file.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), head);
        var folder = Path.GetDirectoryName(target)!;
        Assert.False(File.Exists(Path.Combine(folder, "imageroll.dll")), $"{folder} holds imageroll.dll: the installed tool is the portable build, not the native one");
        Assert.Empty(Directory.GetFiles(folder, "*.runtimeconfig.json"));

        var native = await ImageRollCli.RunProcessAsync(CliHost.Native, new Dictionary<string, string?>(), "--version");
        var portable = await ImageRollCli.RunProcessAsync(CliHost.Portable, new Dictionary<string, string?>(), "--version");
        native.EnsureSuccess();
        Assert.Equal(portable.EnsureSuccess().Stdout, native.Stdout);
    }

    [Fact]
    public async Task The_pointer_package_names_the_native_package_and_a_portable_fallback_that_runs()
    {
        _ = ImageRollCli.NativeBinary();
        Assert.SkipUnless(Directory.Exists(Packages), $"{Packages} is missing: build/native.sh --install writes it");
        var pointer = Assert.Single(Directory.GetFiles(Packages, "ImageRoll.Tool.Native.*.nupkg"), p => char.IsDigit(Path.GetFileName(p)["ImageRoll.Tool.Native.".Length]));
        var version = Path.GetFileNameWithoutExtension(pointer)["ImageRoll.Tool.Native.".Length..];

        XDocument settings;
        using (var zip = ZipFile.OpenRead(pointer))
        {
            var entry = Assert.Single(zip.Entries, e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
            await using var stream = entry.Open();
            settings = await XDocument.LoadAsync(stream, LoadOptions.None, TestContext.Current.CancellationToken);
        }

        var packages = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(p => (string)p.Attribute("RuntimeIdentifier")!, p => (string)p.Attribute("Id")!);
        Assert.Equal(new Dictionary<string, string> { ["linux-x64"] = "ImageRoll.Tool.Native.linux-x64", ["any"] = "ImageRoll.Tool.Native.any" }, packages);
        Assert.Equal("imageroll", (string?)settings.Descendants("Command").Single().Attribute("Name"));

        // The fallback, installed the way the SDK installs it where no RID package matches: a portable tool that runs.
        var tools = Path.Combine(_dir, "tools");
        var install = await ExternalTool.RunAsync("dotnet",
            ["tool", "install", "ImageRoll.Tool.Native.any", "--version", version, "--tool-path", tools, "--add-source", Packages],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_dir, "nuget") }, cancellationToken: TestContext.Current.CancellationToken);
        install.EnsureSuccess("dotnet tool install ImageRoll.Tool.Native.any");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(tools, ".store"), "imageroll.dll", SearchOption.AllDirectories));
        var fallback = await ExternalTool.RunAsync(Path.Combine(tools, "imageroll"), ["--version"], cancellationToken: TestContext.Current.CancellationToken);
        var native = await ImageRollCli.RunProcessAsync(CliHost.Native, new Dictionary<string, string?>(), "--version");
        Assert.Equal(native.EnsureSuccess().Stdout, fallback.EnsureSuccess("imageroll (any) --version").Stdout);
    }
}
