using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>
/// Every IR5xxx property error, through the real targets of the packed package in the SDK's MSBuild: the code in
/// MSBuild's Code field, the property and the bad value named, a hint, the project file as the place.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class PropertyCheckTests(CheckedSample fixture) : IClassFixture<CheckedSample>
{
    // A valid sdk release: each case below breaks one thing.
    private static readonly (string, string)[] Valid =
    [
        ("ImageRollEnabled", "true"), ("ContainerRegistry", "127.0.0.1:5999"), ("ImageRollImageStream", "web:latest"), ("TestWorkloads", ""),
    ];

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "IR5002", "ImageRollDryRun", "maybe", "ImageRollDryRun" },
        { "IR5002", "ImageRollEnabled", "maybe", "ImageRollEnabled" },
        { "IR5002", "ImageRollRollbackOnFailure", "sure", "ImageRollRollbackOnFailure" },
        { "IR5003", "ImageRollBuilder", "kaniko", "ImageRollBuilder" },
        { "IR5004", "ImageRollTrigger", "sideways", "ImageRollTrigger" },
        { "IR5005", "ImageRollTimeout", "soon", "ImageRollTimeout" },
        { "IR5005", "ImageRollGracePeriod", "0s", "ImageRollGracePeriod" },
        { "IR5006", "ImageRollImageStream", "Web Latest", "ImageRollImageStream" },
        { "IR5007", "TestWorkloads", "pod/web", "ImageRollWorkload" },
        { "IR5007", "TestWorkloads", "deployment/Web_1", "ImageRollWorkload" },
        { "IR5008", "ContainerRegistry", "", "ContainerRegistry" },
        { "IR5008", "ContainerArchiveOutputPath", "/tmp/helloweb.tar.gz", "ContainerArchiveOutputPath" },
        { "IR5009", "ImageRollBuilder", "existing", "ImageRollImage" },
        { "IR5010", "ImageRollImage", "127.0.0.1:5999/apps/web:1", "ImageRollImage" },
        { "IR5012", "ImageRollImageStream", "", "ImageRollWorkload" },
        { "IR5014", "ImageRollKubeconfig", "/nonexistent/kubeconfig", "ImageRollKubeconfig" },
        { "IR5014", "ImageRollRegistryCa", "missing-ca.pem", "ImageRollRegistryCa" },
        { "IR5015", "ImageRollInsecureRegistries", "127.0.0.1:5000;a b", "ImageRollInsecureRegistries" },
        { "IR5016", "ImageRollRegistryPassword", "hunter2-not-logged", "ImageRollRegistryPassword" },
        { "IR5017", "ImageRollReferencePolicy", "Remote", "ImageRollReferencePolicy" },
        { "IR5019", "ImageRollContainer", "Web_1", "ImageRollContainer" },
        { "IR5021", "ImageRollNamespace", "My_Team", "ImageRollNamespace" },
        { "IR5025", "ImageRollRegistry", "quay.io", "ImageRollRegistry" },
        { "IR5026", "ImageRollRegistry", "cluster", "ContainerRegistry" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_property_fails_the_check_with_its_IR5xxx_code_naming_the_property(string code, string property, string value, string named)
    {
        var record = await CheckAsync((property, value));

        Assert.False(record.Succeeded);
        var error = Assert.Single(record.Errors, e => e.Code == code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("hint:", error.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.Sample.ProjectFile, error.File);
        if (property == "ImageRollRegistryPassword")
        {
            Assert.DoesNotContain(value, record.Text, StringComparison.Ordinal);
        }
        else if (value.Length > 0 && property != "TestWorkloads")
        {
            Assert.Contains(value.Split(';')[^1], error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Registry_cluster_without_a_stream_or_with_an_existing_image_is_IR5026_naming_the_property()
    {
        var noStream = await CheckAsync(("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""), ("ImageRollImageStream", ""), ("TestWorkloads", "deployment/web"));
        var existing = await CheckAsync(("ImageRollRegistry", "Cluster"), ("ContainerRegistry", ""), ("ImageRollBuilder", "existing"));

        var error = Assert.Single(noStream.Errors);
        Assert.Equal("IR5026", error.Code);
        Assert.Contains("ImageRollImageStream", error.Message, StringComparison.Ordinal);
        error = Assert.Single(existing.Errors);
        Assert.Equal("IR5026", error.Code);
        Assert.Contains("ImageRollBuilder is existing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_cluster_passes_the_check_with_a_stream_and_no_ContainerRegistry()
    {
        var record = await CheckAsync(("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""));

        Assert.True(record.Succeeded, record.Text);
        Assert.Empty(record.Errors);
    }

    [Fact]
    public async Task Registry_cluster_warns_IR5027_of_ContainerImageTags_besides_the_streams_tag_that_will_not_be_pushed()
    {
        var record = await CheckAsync(("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""), ("ContainerImageTags", "1.4.2;latest;1.4.2"));
        var streamsOwn = await CheckAsync(("ImageRollRegistry", "cluster"), ("ContainerRegistry", ""), ("ContainerImageTag", "latest"));

        Assert.True(record.Succeeded, record.Text);
        var warning = Assert.Single(record.Warnings, w => w.Code == "IR5027");
        Assert.StartsWith("ContainerImageTag(s) '1.4.2' will not be pushed: with ImageRollRegistry=cluster the image goes to the integrated registry as the tag of ImageRollImageStream 'web:latest' only", warning.Message, StringComparison.Ordinal);
        Assert.Contains("oc tag web:latest web:1.4.2", warning.Message, StringComparison.Ordinal);
        Assert.True(streamsOwn.Succeeded, streamsOwn.Text);
        Assert.DoesNotContain(streamsOwn.Warnings, w => w.Code == "IR5027");
    }

    [Fact]
    public async Task Wait_without_an_image_stream_is_contradictory()
    {
        var record = await CheckAsync(("ImageRollImageStream", ""), ("ImageRollTrigger", "wait"), ("TestWorkloads", "deployment/web"));

        var error = Assert.Single(record.Errors);
        Assert.Equal("IR5013", error.Code);
        Assert.Contains("ImageRollImageStream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_builder_with_a_malformed_image_names_ImageRollImage()
    {
        var record = await CheckAsync(("ImageRollBuilder", "existing"), ("ImageRollImage", "Not An Image"));

        var error = Assert.Single(record.Errors);
        Assert.Equal("IR5011", error.Code);
        Assert.Contains("ImageRollImage 'Not An Image'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_not_only_the_first()
    {
        var record = await CheckAsync(("ImageRollTrigger", "sideways"), ("ImageRollTimeout", "soon"), ("ImageRollNamespace", "My_Team"));

        Assert.Equal(["IR5004", "IR5005", "IR5021"], record.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public async Task Errors_for_values_in_the_project_file_point_at_their_line()
    {
        var record = await InProcessBuild.BuildAsync(fixture.Located.ProjectFile, InProcessBuild.Globals(), "ImageRollCheckProperties");

        var timeout = Assert.Single(record.Errors, e => e.Code == "IR5005");
        Assert.Equal(fixture.Located.ProjectFile, timeout.File);
        Assert.Equal(fixture.LocatedLineOf("<ImageRollTimeout>"), timeout.LineNumber);
        Assert.DoesNotContain("command line", timeout.Message, StringComparison.Ordinal);
        var workload = Assert.Single(record.Errors, e => e.Code == "IR5007");
        Assert.Equal(fixture.LocatedLineOf("<ImageRollWorkload"), workload.LineNumber);
        Assert.Contains("'pod'", workload.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_with_a_bad_property_stops_before_anything_is_compiled_or_pushed()
    {
        var record = await InProcessBuild.BuildAsync(fixture.Sample.ProjectFile,
            InProcessBuild.Globals([.. Valid, ("ImageRollTrigger", "sideways"), ("_IsPublishing", "true")]), "Publish");

        Assert.Equal("IR5004", Assert.Single(record.Errors).Code);
        Assert.Contains("start:ImageRollCheckProperties", record.TargetEvents);
        Assert.DoesNotContain("start:CoreCompile", record.TargetEvents);
        Assert.DoesNotContain("start:PublishContainer", record.TargetEvents);
        Assert.DoesNotContain("ImageRollRelease", record.TasksRun);
    }

    [Fact]
    public async Task Net_Framework_MSBuild_stops_with_one_IR5001_and_loads_no_task()
    {
        var record = await CheckAsync(("_ImageRollMSBuildRuntimeType", "Full"));

        var error = Assert.Single(record.Errors);
        Assert.Equal("IR5001", error.Code);
        Assert.Contains("dotnet publish", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ImageRollCheckProperties", record.TasksRun);
    }

    [Fact]
    public async Task Valid_properties_pass_the_check()
    {
        var record = await CheckAsync(("TestWorkloads", "deployment/web;statefulset/db"), ("ImageRollRollbackOnFailure", "yes"), ("ImageRollWait", "!false"));

        Assert.True(record.Succeeded, record.Text);
        Assert.Empty(record.Errors);
        // The message PackageDefaultsTests relies on to tell that the task assembly was NOT loaded.
        Assert.Contains(record.Messages, m => m.Message?.Contains("ImageRoll.Tasks.dll", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Publishing_the_outer_build_of_a_multi_targeted_project_is_IR5020()
    {
        var record = await InProcessBuild.BuildAsync(fixture.MultiTargeting.ProjectFile, InProcessBuild.Globals([.. Valid, ("_IsPublishing", "true")]), "Publish");

        var error = record.Errors.First();
        Assert.Equal("IR5020", error.Code);
        Assert.Contains("-f net10.0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(record.TasksRun, t => t.StartsWith("ImageRoll", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_password_in_a_DOTNET_variable_is_warned_about_by_name_never_by_value()
    {
        // Out of process: the variable must not leak into other tests' processes.
        var result = await fixture.Sample.DotnetAsync(
            ["msbuild", "-t:ImageRollCheckProperties", .. Valid.Select(p => $"-p:{p.Item1}={p.Item2}")],
            new Dictionary<string, string> { ["DOTNET_CONTAINER_PUSH_REGISTRY_PWORD"] = "pw-in-dotnet-variable" });

        result.EnsureSuccess("dotnet msbuild -t:ImageRollCheckProperties");
        Assert.Contains(result.Stdout.Split('\n'), l => l.Contains("warning IR5023: DOTNET_CONTAINER_PUSH_REGISTRY_PWORD is set", StringComparison.Ordinal));
        Assert.DoesNotContain("pw-in-dotnet-variable", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    private Task<BuildRecord> CheckAsync(params (string, string)[] overrides) =>
        InProcessBuild.BuildAsync(fixture.Sample.ProjectFile, InProcessBuild.Globals([.. Valid, .. overrides]), "ImageRollCheckProperties");
}
