using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.Kubernetes;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.Release;

/// <summary>A Dockerfile source through the release engine: the machine's real Docker daemon builds and pushes, the digest rolls out.</summary>
public sealed class ReleaseBuildSourceTests
{
    [Fact]
    public async Task Dockerfile_source_is_built_with_its_context_and_base_image_pushed_and_rolled_out_on_plain_Kubernetes()
    {
        var busybox = await BaseImages.BusyboxAsync();
        var dir = Directory.CreateTempSubdirectory("imageroll-release-docker-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "src"));
        await File.WriteAllTextAsync(Path.Combine(dir, "build.Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG GREETING\nCOPY hello.txt /hello.txt\nRUN test \"$GREETING\" = hi && test -s /hello.txt\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "src", "hello.txt"), "hello", TestContext.Current.CancellationToken);
        var image = ImageReference.Parse($"{TestServices.Registry}/apps/release-docker-{Guid.NewGuid():N}:v1");
        await using var h = await ReleaseHarness.StartAsync();
        h.Docker = Unix;
        Workloads.Put(h.Sim, ResourceTypes.Deployments, Workloads.Deployment(triggers: null));
        try
        {
            var (result, observer) = await h.ReleaseAsync(new ReleaseOptions
            {
                Image = image,
                Source = new DockerfileSource("build.Dockerfile")
                {
                    Context = "src",
                    BaseImage = busybox,
                    BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hi" },
                },
                Workloads = [WorkloadRef.Parse("deployment/example")],
                Namespace = "default",
                WorkingDirectory = dir,
                Timeout = TimeSpan.FromMinutes(3),
            });

            Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
            Assert.StartsWith($"{image.Registry}/{image.Repository}@sha256:", result.DigestReference, StringComparison.Ordinal);
            Assert.Contains(result.Plan!.Checks, c => c.Name == "source" && c.Message.Contains("Docker API", StringComparison.Ordinal));
            var served = await Skopeo.InspectAsync(image.ToString());
            Assert.Equal(result.Digest, served.GetProperty("Digest").GetString());
            Assert.Equal(result.DigestReference, Workloads.Image(h.Sim.Get(ResourceTypes.Deployments, "example")));
            Assert.Equal(WorkloadOutcome.Succeeded, Assert.Single(result.Workloads).Outcome);
            Assert.Contains("ImageReady", observer.Ordered);
        }
        finally
        {
            using var docker = Unix();
            await docker.RemoveImageAsync(image.ToString(), CancellationToken.None);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static DockerEngineClient Unix() => new(DockerConnectionOptions.FromEnvironment(n => n == "DOCKER_HOST" ? TestServices.DockerHostUnix : null));
}
