using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>What the package adds to a project: defaults when enabled, nothing (no hook, no task load) when not.</summary>
[Collection(InProcessCollection.Name)]
public sealed class PackageDefaultsTests(CheckedSample fixture) : IClassFixture<CheckedSample>
{
    [Fact]
    public void Enabled_defaults_are_the_sdk_builder_wait_with_a_stream_and_a_10m_deadline()
    {
        var project = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", "true"), ("ImageRollImageStream", "web:latest")));

        Assert.Equal("sdk", project.GetPropertyValue("ImageRollBuilder"));
        Assert.Equal("wait", project.GetPropertyValue("ImageRollTrigger"));
        Assert.Equal("10m", project.GetPropertyValue("ImageRollTimeout"));
        Assert.Equal("false", project.GetPropertyValue("ImageRollDryRun"));
        Assert.Equal("false", project.GetPropertyValue("ImageRollRollbackOnFailure"));
        Assert.Equal("true", project.GetPropertyValue("ImageRollWait"));
        // The release runs after Publish, and PublishContainer (the sdk builder) before it.
        Assert.Equal("Publish", project.GetPropertyValue("_ImageRollReleaseAfterTargets"));
        Assert.Equal("PublishContainer", project.GetPropertyValue("_ImageRollImageDependsOn"));
        Assert.EndsWith(Path.Combine("tasks", "net8.0", "ImageRoll.Tasks.dll"), Path.GetFullPath(project.GetPropertyValue("ImageRollTasksAssembly")), StringComparison.Ordinal);
        Assert.True(File.Exists(project.GetPropertyValue("ImageRollTasksAssembly")));
    }

    [Fact]
    public void Without_a_stream_the_trigger_defaults_to_patch_and_a_dry_run_only_computes_the_container_config()
    {
        var project = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", "true"), ("ImageRollDryRun", "true")));

        Assert.Equal("patch", project.GetPropertyValue("ImageRollTrigger"));
        Assert.Equal("ComputeContainerConfig", project.GetPropertyValue("_ImageRollImageDependsOn"));
    }

    [Fact]
    public void Properties_are_checked_before_Build_only_when_publishing()
    {
        var building = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", "true")));
        var publishing = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", "true"), ("_IsPublishing", "true")));

        // `dotnet build` of a project that sets ImageRollEnabled checks nothing and releases nothing (no Publish).
        Assert.Equal(string.Empty, building.GetPropertyValue("_ImageRollCheckBeforeTargets"));
        Assert.Equal("BeforeBuild", publishing.GetPropertyValue("_ImageRollCheckBeforeTargets"));
    }

    [Fact]
    public void Insecure_registries_default_to_the_SDKs_environment_variable()
    {
        Environment.SetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES", "127.0.0.1:5998;registry.local");
        try
        {
            var project = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", "true")));

            Assert.Equal("127.0.0.1:5998;registry.local", project.GetPropertyValue("ImageRollInsecureRegistries"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES", null);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("false")]
    public void Referenced_but_not_enabled_the_package_sets_no_ImageRoll_property_and_hooks_no_target(string enabled)
    {
        var project = InProcessBuild.Evaluate(fixture.Sample.ProjectFile, InProcessBuild.Globals(("ImageRollEnabled", enabled)));

        Assert.Equal(string.Empty, project.GetPropertyValue("_ImageRollActive"));
        Assert.Equal(string.Empty, project.GetPropertyValue("_ImageRollReleaseAfterTargets"));
        Assert.Equal(string.Empty, project.GetPropertyValue("_ImageRollCheckBeforeTargets"));
        // Only ImageRollTasksAssembly (props) and ImageRollEnabled itself when given: no defaults, no items.
        Assert.Equal(["ImageRollTasksAssembly"], project.Properties.Select(p => p.Name)
            .Where(n => n.StartsWith("ImageRoll", StringComparison.Ordinal) && n != "ImageRollEnabled").Order());
        Assert.DoesNotContain(project.Items, i => i.ItemType.StartsWith("ImageRoll", StringComparison.Ordinal) || i.ItemType.StartsWith("_ImageRoll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publishing_with_the_package_disabled_runs_no_ImageRoll_target_and_loads_no_ImageRoll_assembly()
    {
        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile,
            InProcessBuild.Globals(("_IsPublishing", "true"), ("ContainerRegistry", "127.0.0.1:5999")), "Publish");

        Assert.True(record.Succeeded, record.Text);
        Assert.Contains("end:Publish", record.TargetEvents);
        Assert.DoesNotContain(record.TargetEvents, t => t.Contains("ImageRoll", StringComparison.Ordinal));
        Assert.DoesNotContain(record.TasksRun, t => t.Contains("ImageRoll", StringComparison.Ordinal));
        // MSBuild says "Using task X from assembly Y" when it loads a task assembly: never ours.
        Assert.DoesNotContain(record.Messages, m => m.Message?.Contains("ImageRoll.Tasks.dll", StringComparison.Ordinal) == true);
    }
}
