using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Tasks.Tests.Infrastructure;

namespace ImageRoll.Tasks.Tests.EndToEnd;

/// <summary>
/// What the end-to-end publishes share, made once per class: the sample restored against the packed package, the
/// local .NET base image, and two simulated clusters (all controllers; and without the image-trigger controller, for
/// patch mode). The sample writes the release's outputs to the file named by -p:E2EOutputs, as a user's own target
/// after ImageRollRelease would.
/// </summary>
public sealed class PublishFixture(TasksPackage package) : IAsyncLifetime
{
    private const string ProjectXml = """
          <ItemGroup>
            <ImageRollWorkload Include="$(E2EWorkloads)" />
          </ItemGroup>
          <Target Name="E2EWriteReleaseOutputs" AfterTargets="ImageRollRelease" Condition="'$(E2EOutputs)' != ''">
            <WriteLinesToFile File="$(E2EOutputs)" Overwrite="true"
                Lines="DigestReference=$(ImageRollDigestReference);PullSpec=$(ImageRollPullSpec);StreamTag=$(ImageRollStreamTag);Status=$(ImageRollStatus);@(ImageRollReleasedWorkload->'Workload=%(Identity)|%(Outcome)|%(TriggerAction)|%(Revision)|%(Image)')" />
          </Target>
        """;

    public SampleProject Sample { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public TestCluster PatchCluster { get; private set; } = null!;

    public string BaseImage { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _ = TestServices.Registry;
        BaseImage = await BaseImages.DotnetAsync();
        Sample = await SampleProject.CreateAsync(package, ProjectXml);
        Cluster = await TestCluster.StartAsync();
        PatchCluster = await TestCluster.StartAsync("image-trigger");
    }

    /// <summary>A Deployment (2 replicas, container web) running the base image, following STREAM:latest when a stream is given.</summary>
    public static string Deployment(string name, string image, string? stream)
    {
        var triggers = stream is null
            ? "[]"
            : "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"" + stream + ":latest\"},\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"}]";
        return $$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              annotations:
                image.openshift.io/triggers: '{{triggers}}'
            spec:
              replicas: 2
              selector:
                matchLabels: {app: {{name}}}
              template:
                metadata:
                  labels: {app: {{name}}}
                spec:
                  containers:
                  - name: web
                    image: {{image}}
                    ports: [{containerPort: 8080}]
            """;
    }

    public static string ImageStream(string name) => $"""
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata:
          name: {name}
        """;

    public async ValueTask DisposeAsync()
    {
        Sample?.Dispose();
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (PatchCluster is not null)
        {
            await PatchCluster.DisposeAsync();
        }
    }
}
