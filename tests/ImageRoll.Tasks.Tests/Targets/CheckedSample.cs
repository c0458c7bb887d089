using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>
/// The sample for the property-check tests, restored once per class. Its ImageRollWorkload items come from the
/// test property TestWorkloads so each test can pass its own; a second copy writes bad values into the project file
/// itself, where errors must point (file and line).
/// </summary>
public sealed class CheckedSample : IAsyncLifetime
{
    public const string LocatedXml = """
          <PropertyGroup>
            <ImageRollEnabled>true</ImageRollEnabled>
            <ContainerRegistry>127.0.0.1:5999</ContainerRegistry>
            <ImageRollImageStream>web:latest</ImageRollImageStream>
            <ImageRollTimeout>soon</ImageRollTimeout>
          </PropertyGroup>
          <ItemGroup>
            <ImageRollWorkload Include="pod/web" />
          </ItemGroup>
        """;

    public const string WorkloadsFromPropertyXml = """
          <ItemGroup>
            <ImageRollWorkload Include="$(TestWorkloads)" />
          </ItemGroup>
        """;

    private readonly TasksPackage _package;

    public CheckedSample(TasksPackage package)
    {
        _package = package;
    }

    public SampleProject Sample { get; private set; } = null!;

    public SampleProject Located { get; private set; } = null!;

    /// <summary>The sample with &lt;TargetFrameworks&gt; (one framework is enough to make an outer build).</summary>
    public SampleProject MultiTargeting { get; private set; } = null!;

    /// <summary>The 1-based line of <paramref name="text"/> in <see cref="Located"/>'s project file.</summary>
    public int LocatedLineOf(string text) => Array.FindIndex(File.ReadAllLines(Located.ProjectFile), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public async ValueTask InitializeAsync()
    {
        Sample = await SampleProject.CreateAsync(_package, WorkloadsFromPropertyXml);
        Located = await SampleProject.CreateAsync(_package, LocatedXml);
        MultiTargeting = await SampleProject.CreateAsync(_package, transform: p => p.Replace("<TargetFramework>", "<TargetFrameworks>", StringComparison.Ordinal)
            .Replace("</TargetFramework>", "</TargetFrameworks>", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync()
    {
        Sample?.Dispose();
        Located?.Dispose();
        MultiTargeting?.Dispose();
        return ValueTask.CompletedTask;
    }
}
