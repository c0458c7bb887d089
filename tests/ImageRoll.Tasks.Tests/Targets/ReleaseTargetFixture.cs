using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>
/// The sample, the local .NET base image and two simulated clusters (all controllers; without the image-trigger
/// controller) for the in-process release target tests. PublishContainer runs inside the test process, so the SDK's
/// DOTNET_CONTAINER_INSECURE_REGISTRIES is set on the process while the class runs.
/// </summary>
public sealed class ReleaseTargetFixture(TasksPackage package) : IAsyncLifetime
{
    /// <summary>A pipeline of the single-step tasks, as a user's own target would string them together.</summary>
    public const string StepPipelineXml = """
          <Target Name="StepPipeline">
            <ImageRollResolve Image="$(StepImage)" InsecureRegistries="$(ImageRollInsecureRegistries)">
              <Output TaskParameter="DigestReference" PropertyName="StepDigestReference" />
            </ImageRollResolve>
            <ImageRollTag DigestReference="$(StepDigestReference)" ImageStream="$(ImageRollImageStream)" Kubeconfig="$(ImageRollKubeconfig)"
                InsecureRegistries="$(ImageRollInsecureRegistries)" Timeout="1m">
              <Output TaskParameter="PullSpec" PropertyName="StepPullSpec" />
              <Output TaskParameter="StreamTag" PropertyName="StepStreamTag" />
            </ImageRollTag>
            <ImageRollTrigger ImageStream="$(ImageRollImageStream)" Workloads="@(ImageRollWorkload)" Trigger="patch" Kubeconfig="$(ImageRollKubeconfig)" Timeout="1m">
              <Output TaskParameter="TriggeredWorkloads" ItemName="StepTriggered" />
            </ImageRollTrigger>
            <ImageRollWait Workloads="@(ImageRollWorkload)" Kubeconfig="$(ImageRollKubeconfig)" Timeout="1m" GracePeriod="5s">
              <Output TaskParameter="RolledOutWorkloads" ItemName="StepRolledOut" />
            </ImageRollWait>
          </Target>
          <Target Name="WaitOnly">
            <ImageRollWait Workloads="@(ImageRollWorkload)" Kubeconfig="$(ImageRollKubeconfig)" Timeout="1m" GracePeriod="3s" />
          </Target>
        """;

    private string? _previousInsecure;

    public SampleProject Sample { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestCluster NoTriggerCluster { get; private set; } = null!;

    /// <summary>All controllers and an integrated registry (ImageRollRegistry=cluster).</summary>
    public TestCluster RegistryCluster { get; private set; } = null!;

    public string BaseImage { get; private set; } = null!;

    /// <summary>A valid sdk release to the cluster; each test adds or overrides what it is about.</summary>
    public Dictionary<string, string> Globals(params (string Name, string Value)[] overrides) => InProcessBuild.Globals(
    [
        ("ImageRollEnabled", "true"), ("Configuration", "Release"), ("ContainerRegistry", TestServices.Registry),
        ("ContainerRepository", "targets/helloweb"), ("ContainerBaseImage", BaseImage), ("ImageRollKubeconfig", Cluster.Kubeconfig),
        ("ImageRollInsecureRegistries", TestServices.Registry), ("ImageRollGracePeriod", "5s"), ("ImageRollTimeout", "2m"), ("TestWorkloads", ""),
        .. overrides,
    ]);

    public async ValueTask InitializeAsync()
    {
        BaseImage = await BaseImages.DotnetAsync();
        _previousInsecure = Environment.GetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES");
        Environment.SetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES", TestServices.Registry);
        Sample = await SampleProject.CreateAsync(package, CheckedSample.WorkloadsFromPropertyXml + StepPipelineXml);
        Cluster = await TestCluster.StartAsync();
        NoTriggerCluster = await TestCluster.StartAsync("image-trigger");
        RegistryCluster = await TestCluster.StartWithIntegratedRegistryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("DOTNET_CONTAINER_INSECURE_REGISTRIES", _previousInsecure);
        Sample?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (NoTriggerCluster is not null)
        {
            await NoTriggerCluster.DisposeAsync();
        }

        if (RegistryCluster is not null)
        {
            await RegistryCluster.DisposeAsync();
        }
    }
}
