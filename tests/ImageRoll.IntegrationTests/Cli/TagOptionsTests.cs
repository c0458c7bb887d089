using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.OpenShift;

namespace ImageRoll.IntegrationTests.Cli;

/// <summary>
/// `imageroll tag` binds its options as every command does: --insecure-registry matches the source registry with
/// the one host matcher (HOST matches any port, HOST:PORT exactly; nothing is insecure unless named), and a
/// --timeout no deadline can take is exit 2 before anything is written.
/// </summary>
public sealed class TagOptionsTests
{
    [Theory]
    [InlineData("HOST", true)]
    [InlineData("HOST:PORT", true)]
    [InlineData("HOST:1", false)]
    [InlineData(null, false)]
    public async Task Insecure_registry_means_what_it_means_for_push(string? form, bool insecure)
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/tag-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var host = TestServices.Registry.Split(':')[0];
        var port = TestServices.Registry.Split(':')[1];
        string[] flag = form is null ? [] : ["--insecure-registry", form.Replace("HOST", host, StringComparison.Ordinal).Replace("PORT", port, StringComparison.Ordinal)];
        var (code, _, stderr) = await sim.ImageRollAsync(["tag", image, "example:latest", "--create-stream", "--timeout", "30s", .. flag]);
        Assert.True(code == 0, stderr);
        var put = sim.Cluster.Requests.ResourceRequests.Last(r => r.Method is "PUT" or "POST" && r.Path.Contains("imagestream", StringComparison.Ordinal));
        var importPolicy = JsonNode.Parse(put.Body)!["tag"]!["importPolicy"]!;
        Assert.Equal(insecure, (bool?)importPolicy["insecure"] ?? false);
    }

    [Fact]
    public async Task A_timeout_no_deadline_can_take_is_exit_2_and_nothing_is_written()
    {
        await using var sim = await OpenShiftSim.StartAsync();
        var image = await TestImages.PushAsync(TestServices.Registry, $"apps/tag-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--create-stream", "--timeout", "1200h");
        Assert.Equal(2, code);
        Assert.Contains("error IR2001: --timeout '1200h'", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
        Assert.Null(sim.Store.Get(ResourceTypes.ImageStreams, "default", "example"));
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method != "GET");
    }
}
