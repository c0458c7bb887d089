using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;
using ImageRoll.IntegrationTests.Release;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.TriggerStep;
using ImageRoll.Registry;
using ImageRoll.Release;

namespace ImageRoll.IntegrationTests.OpenShiftNative;

/// <summary>
/// Releases under a CI service account bound to the shipped least-privilege Roles (samples/rbac), applied with the
/// real kubectl and authenticated with a token from <c>kubectl create token</c>: the whole release meets no 403;
/// with one verb taken out of the Role, the dry run names it and the real run stops with IR3380 before anything
/// changed, in the cluster or the registry.
/// </summary>
public sealed class LeastPrivilegeReleaseTests
{
    private static RegistryClientOptions Registry => new() { InsecureRegistries = [TestServices.Registry] };

    [Fact]
    public async Task The_shipped_wait_role_is_enough_for_a_release_in_wait_mode_and_every_request_is_allowed()
    {
        await using var c = await NativeCluster.StartAsync();
        var kubeconfig = await ShopAsync(c, "release-wait.yaml", "imageroll-wait");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/least-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);

        var (result, _) = await NativeCluster.ReleaseAsync(kubeconfig, Registry, Options(image, TriggerMode.Wait));

        Assert.True(result.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(result));
        Assert.Equal(image, Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));
        Assert.Contains(result.Plan!.Checks, k => k.Name == "permissions" && k.Passed);
        Assert.DoesNotContain(c.Cluster.Requests.ResourceRequests, r => r.StatusCode == 403);
        Assert.Contains(c.Cluster.Requests.ResourceRequests, r => r.User == "system:serviceaccount:shop:imageroll-wait" && r.Method == "PUT" && r.Path.Contains("/imagestreamtags/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_patch_on_deployments_the_dry_run_names_it_and_the_real_run_stops_with_IR3380_before_any_change()
    {
        await using var c = await NativeCluster.StartAsync(new() { DisabledControllers = ["image-trigger"] });
        var kubeconfig = await ShopAsync(c, "release.yaml", "imageroll");
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/least-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);

        // The full Role works in patch mode (only ImageRoll's patch can change the deployment: no trigger controller).
        var (ok, _) = await NativeCluster.ReleaseAsync(kubeconfig, Registry, Options(image, TriggerMode.Patch));
        Assert.True(ok.Status == ReleaseStatus.Succeeded, ReleaseJson.Serialize(ok));
        Assert.Equal(image, Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));

        // Take "patch" out of the Role's rule for the apps workloads.
        c.Store.Modify(ResourceTypes.Roles, "shop", "imageroll-release", role =>
        {
            var rule = role["rules"]!.AsArray().OfType<JsonObject>().Single(r => r["resources"]!.AsArray().Any(x => (string?)x == "deployments"));
            rule["verbs"] = new JsonArray("get", "list", "watch");
        });
        var second = await TestImages.PushAsync(TestServices.Registry, $"apps/least-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);

        var (dry, _) = await NativeCluster.ReleaseAsync(kubeconfig, Registry, Options(second, TriggerMode.Patch) with { DryRun = true });
        Assert.Equal((ReleaseStatus.Failed, true), (dry.Status, dry.DryRun));
        var missing = Assert.Single(dry.Plan!.Checks, k => !k.Passed);
        Assert.Equal(("permission to patch deployment/example", ReleaseErrors.PermissionDenied), (missing.Name, missing.Code));
        Assert.Contains("may not patch deployments.apps in namespace shop", missing.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl auth can-i patch deployments.apps -n shop", missing.Hint, StringComparison.Ordinal);

        var before = c.Snapshot();
        var requestsBefore = c.Cluster.Requests.ResourceRequests.Count;
        var (real, _) = await NativeCluster.ReleaseAsync(kubeconfig, Registry, Options(second, TriggerMode.Patch));
        Assert.Equal((ReleaseStatus.Failed, 3, ReleaseErrors.PermissionDenied, ReleaseStep.Plan), (real.Status, real.ExitCode, real.Error!.Code, real.Error.Step));
        Assert.Contains("patch deployments.apps in namespace shop", real.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, c.Snapshot());
        Assert.Equal(image, Workloads.Image(c.Get(ResourceTypes.Deployments, "shop", "example")));
        Assert.DoesNotContain(c.Cluster.Requests.ResourceRequests.Skip(requestsBefore), r => r.Method is "PUT" or "PATCH" or "DELETE"
            || (r.Method == "POST" && !r.Path.EndsWith("/selfsubjectaccessreviews", StringComparison.Ordinal)));
    }

    /// <summary>Namespace shop with the stream `example`, the Deployment `example` following example:latest, the sample applied; the SA's kubeconfig.</summary>
    internal static async Task<string> ShopAsync(NativeCluster c, string sample, string serviceAccount)
    {
        c.Namespace("shop");
        c.Create(ResourceTypes.ImageStreams, "shop", JsonNode.Parse("""{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"example"}}""")!.AsObject());
        c.Create(ResourceTypes.Deployments, "shop", Workloads.Deployment());
        await c.ApplySampleAsync(sample, "shop");
        return await c.ServiceAccountKubeconfigAsync(serviceAccount, "shop");
    }

    private static ReleaseOptions Options(string image, TriggerMode trigger) => new()
    {
        Image = ImageReference.Parse(image),
        StreamTag = StreamTagRef.Parse("example:latest"),
        Trigger = trigger,
        Timeout = TimeSpan.FromSeconds(90),
    };
}
