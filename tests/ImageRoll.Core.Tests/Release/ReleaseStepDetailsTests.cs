using ImageRoll.Core.Tests.Registry;
using ImageRoll.Core.Tests.Rollouts.Fakes;
using ImageRoll.Images;
using ImageRoll.Images.Manifests;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.Registry;
using ImageRoll.Release;

namespace ImageRoll.Core.Tests.Release;

/// <summary>What the steps decide on the way: importPolicy.insecure, the Legacy import's platform child, each kind's revision, the source checks.</summary>
public sealed class ReleaseStepDetailsTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("registry.example.com", true)]
    [InlineData("registry.example.com:443", false)]
    [InlineData("REGISTRY.example.com", true)]
    [InlineData("other.example.com", false)]
    public async Task The_tag_is_insecure_exactly_when_the_one_host_matcher_says_the_registry_is(string? insecure, bool expected)
    {
        using var s = insecure is null ? new ReleaseScenario() : new ReleaseScenario(insecure);

        var result = await s.RunAsync(s.Options());

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        var tag = Assert.Single(s.Kube.Tags).Tag!;
        Assert.Equal(expected, tag.ImportPolicy!.Insecure == true);
        Assert.Equal(("DockerImage", s.PushedDigestReference, "Source", "Legacy"), (tag.From!.Kind, tag.From.Name, tag.ReferencePolicy!.Type, tag.ImportPolicy.ImportMode));
    }

    [Fact]
    public async Task A_Legacy_import_of_an_index_expects_the_linux_amd64_child_and_a_single_manifest_nothing()
    {
        var fake = new FakeRegistry();
        using var session = new RegistrySession(new RegistryClientOptions { HandlerFactory = _ => fake, Delay = (_, _) => Task.CompletedTask });
        var client = session.For("reg.example");
        var amd = await client.PutManifestAsync("app", "amd", Manifest(1), MediaTypes.OciManifest, TestContext.Current.CancellationToken);
        var arm = await client.PutManifestAsync("app", "arm", Manifest(2), MediaTypes.OciManifest, TestContext.Current.CancellationToken);
        var indexBytes = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{arm}}}","size":10,"platform":{"architecture":"arm64","os":"linux"}},{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{amd}}}","size":10,"platform":{"architecture":"amd64","os":"linux"}}]}""");
        var index = await client.PutManifestAsync("app", "multi", indexBytes, MediaTypes.OciIndex, TestContext.Current.CancellationToken);

        Assert.Equal(amd, await LegacyImportImage.ExpectedImageAsync(session, DigestPullSpec.Parse($"reg.example/app@{index}"), null, TestContext.Current.CancellationToken));
        Assert.Null(await LegacyImportImage.ExpectedImageAsync(session, DigestPullSpec.Parse($"reg.example/app@{amd}"), null, TestContext.Current.CancellationToken));
        // A digest the registry answers 404 for stops the tag before anything is written (issue 12, class 6).
        var missing = await Assert.ThrowsAsync<ImageRollException>(() => LegacyImportImage.ExpectedImageAsync(session, DigestPullSpec.Parse($"reg.example/app@sha256:{new string('9', 64)}"), null, TestContext.Current.CancellationToken));
        Assert.Equal("IR1004", missing.Code);
        Assert.Equal(3, missing.ExitCode);
        Assert.Equal(amd, LegacyImportImage.PlatformChild(ManifestDocument.Parse(indexBytes)));

        // The spec tag's prefer-arch annotation wins, as in openshift-apiserver's manifestFromManifestList; an
        // unknown preference falls back to linux/amd64.
        Assert.Equal(arm, await LegacyImportImage.ExpectedImageAsync(session, DigestPullSpec.Parse($"reg.example/app@{index}"), null, TestContext.Current.CancellationToken, "linux", "arm64"));
        Assert.Equal(amd, LegacyImportImage.PlatformChild(ManifestDocument.Parse(indexBytes), "linux", "s390x"));
        var stream = System.Text.Json.JsonSerializer.Deserialize<ImageRoll.OpenShift.Models.ImageStream>(
            """{"metadata":{"name":"app"},"spec":{"tags":[{"name":"latest","annotations":{"importer.image.openshift.io/prefer-arch":"arm64"}}]}}""", KubeJson.Options);
        Assert.Equal(((string?)null, "arm64"), LegacyImportImage.Preference(stream, "latest"));
        Assert.Equal(((string?)null, (string?)null), LegacyImportImage.Preference(stream, "other"));
    }

    [Fact]
    public async Task Each_kind_reports_its_own_revision()
    {
        var api = new FakeKubeApi();
        api.Apply(ResourceKind.Deployments, Shapes.Deployment("web", updated: 3, available: 3));
        api.Apply(ResourceKind.StatefulSets, """{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"shop"},"spec":{},"status":{"updateRevision":"db-7c9d","currentRevision":"db-5b4"}}""");
        api.Apply(ResourceKind.DeploymentConfigs, """{"apiVersion":"apps.openshift.io/v1","kind":"DeploymentConfig","metadata":{"name":"legacy","namespace":"shop"},"spec":{},"status":{"latestVersion":12}}""");
        api.Apply(ResourceKind.DaemonSets, """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"shop"},"spec":{"selector":{"matchLabels":{"app":"agent"}}},"status":{}}""");
        foreach (var (name, revision) in new[] { ("agent-6f9", 2), ("agent-8a1", 3), ("agentx-1", 9) })
        {
            api.Apply(ResourceKind.ControllerRevisions, $$$"""{"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"{{{name}}}","namespace":"shop","labels":{"app":"agent"}},"revision":{{{revision}}}}""");
        }

        async Task<string?> Read(string w) => await WorkloadRevisions.ReadAsync(api, WorkloadRef.Parse(w, "shop"), TestContext.Current.CancellationToken);
        Assert.Equal("4", await Read("deployment/web"));
        Assert.Equal("db-7c9d", await Read("statefulset/db"));
        Assert.Equal("12", await Read("dc/legacy"));
        Assert.Equal("agent-8a1 (revision 3)", await Read("daemonset/agent"));
    }

    [Fact]
    public async Task The_plan_checks_a_project_a_Dockerfile_and_a_Docker_daemon_before_anything_runs()
    {
        using var s = new ReleaseScenario();
        var dir = Directory.CreateTempSubdirectory("imageroll-src-").FullName;

        var project = await s.RunAsync(s.Options() with { Source = new SdkProjectSource("missing/App.csproj"), WorkingDirectory = dir, DryRun = true });
        var noDocker = await s.RunAsync(s.Options() with { Source = new DockerfileSource("Dockerfile"), WorkingDirectory = dir });
        var badBase = await s.RunAsync(s.Options() with { Source = new SdkProjectSource("App.csproj") { BaseImage = "Not A Reference" }, WorkingDirectory = dir });

        Assert.Equal(("IR1201", 2, true), (project.Error!.Code, project.ExitCode, project.DryRun));
        Assert.Contains("missing/App.csproj", project.Error.Message, StringComparison.Ordinal);
        Assert.Equal(("IR2252", 2), (noDocker.Error!.Code, noDocker.ExitCode));
        Assert.Equal(2, badBase.ExitCode);
        Assert.StartsWith("IR21", badBase.Error!.Code, StringComparison.Ordinal);
        Assert.Empty(s.Kube.Writes);
    }

    private static byte[] Manifest(int seed) => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string((char)('0' + seed), 64)}}","size":2},"layers":[]}""");
}
