using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>
/// `imageroll tag` sends exactly oc tag --source=docker's requests (oc pkg/cli/tag/tag.go TagOptions.Run), with the simulator forced
/// into each fallback, and waits until the real registry's digest is in the stream's status.
/// </summary>
public sealed class TagRequestSequenceTests
{
    private const string Is = "GET /apis/image.openshift.io/v1/namespaces/default/imagestreams/example";
    private const string PutIstag = "PUT /apis/image.openshift.io/v1/namespaces/default/imagestreamtags/example:latest";
    private const string PostIstag = "POST /apis/image.openshift.io/v1/namespaces/default/imagestreamtags";
    private const string PutIs = "PUT /apis/image.openshift.io/v1/namespaces/default/imagestreams/example";

    internal static async Task<(OpenShiftSim Sim, string Image)> SetUpAsync(bool createStream = true, params string[] disabled)
    {
        var registry = TestServices.Registry;
        var sim = await OpenShiftSim.StartAsync(disabled);
        if (createStream)
        {
            sim.Create(ResourceTypes.ImageStreams, """{"metadata":{"name":"example"},"spec":{"tags":[{"name":"stable","from":{"kind":"DockerImage","name":"127.0.0.1:1/none@sha256:0000000000000000000000000000000000000000000000000000000000000000"},"referencePolicy":{"type":"Source"}}]}}""");
        }

        var image = await TestImages.PushAsync(registry, $"apps/example-{Guid.NewGuid():N}", cancellationToken: TestContext.Current.CancellationToken);
        sim.Cluster.Requests.Clear();
        return (sim, image);
    }

    /// <summary>The requests up to the last write (the wait that follows is not part of oc's sequence).</summary>
    internal static List<string> Sequence(OpenShiftSim sim)
    {
        var all = sim.Cluster.Requests.ResourceRequests
            .Where(r => r.Path.Contains("/imagestream", StringComparison.Ordinal) && !r.PathAndQuery.Contains("watch=", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {Uri.UnescapeDataString(r.Path)}")
            .ToList();
        var last = all.FindLastIndex(s => !s.StartsWith("GET ", StringComparison.Ordinal));
        return all.Take(last + 1).ToList();
    }

    [Fact]
    public async Task Tag_puts_the_ImageStreamTag_with_ocs_body_and_waits_for_the_import()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "-n", "default", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Equal([Is, PutIstag], Sequence(sim));
        var put = sim.Cluster.Requests.ResourceRequests.First(r => r.Method == "PUT");
        var body = JsonNode.Parse(put.Body)!;
        Assert.Equal("ImageStreamTag", (string?)body["kind"]);
        Assert.Equal("image.openshift.io/v1", (string?)body["apiVersion"]);
        Assert.Equal("example:latest", (string?)body["metadata"]!["name"]);
        Assert.Equal("default", (string?)body["metadata"]!["namespace"]);
        Assert.Equal("latest", (string?)body["tag"]!["name"]);
        Assert.Equal("DockerImage", (string?)body["tag"]!["from"]!["kind"]);
        Assert.Equal(image, (string?)body["tag"]!["from"]!["name"]);
        Assert.Equal(0, (int)body["tag"]!["generation"]!);
        Assert.False((bool)body["tag"]!["importPolicy"]!["scheduled"]!);
        Assert.Equal("Legacy", (string?)body["tag"]!["importPolicy"]!["importMode"]);
        Assert.False((bool?)body["tag"]!["importPolicy"]!["insecure"] ?? false); // insecure only when named by --insecure-registry (docs/registry.md)
        Assert.Equal("Source", (string?)body["tag"]!["referencePolicy"]!["type"]);

        var digest = image.Split('@')[1];
        var stream = sim.Get(ResourceTypes.ImageStreams, "example");
        var latest = stream["status"]!["tags"]!.AsArray().First(t => (string?)t!["tag"] == "latest")!;
        Assert.Equal(digest, (string?)latest["items"]![0]!["image"]);
        Assert.Equal(image, stdout.Trim().Split('\n')[^1]);

        // The other spec tag is untouched.
        Assert.Contains(stream["spec"]!["tags"]!.AsArray(), t => (string?)t!["name"] == "stable");
    }

    [Theory]
    [InlineData(405)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Tag_falls_back_to_POST_when_PUT_answers(int status)
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        sim.Cluster.Faults.Add("PUT", "/imagestreamtags/", status);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Equal([Is, PutIstag, PostIstag], Sequence(sim));
        Assert.Equal(image.Split('@')[1], Latest(sim));
    }

    [Theory]
    [InlineData(405)]
    [InlineData(403)]
    public async Task Tag_falls_back_to_updating_the_stream_when_POST_answers(int status)
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        sim.Cluster.Faults.Add("PUT", "/imagestreamtags/", 405);
        sim.Cluster.Faults.Add("POST", "/imagestreamtags$", status);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Equal([Is, PutIstag, PostIstag, Is, PutIs], Sequence(sim));
        var stream = sim.Get(ResourceTypes.ImageStreams, "example");
        Assert.Equal(["stable", "latest"], stream["spec"]!["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToArray());
        Assert.Equal(image.Split('@')[1], Latest(sim));
    }

    [Fact]
    public async Task Tag_retries_on_conflict_and_keeps_other_tags()
    {
        var (sim, image) = await SetUpAsync();
        await using var cluster = sim;
        sim.Cluster.Faults.Add("PUT", "/imagestreams/example$", 409);
        sim.Cluster.Faults.Add("PUT", "/imagestreamtags/", 405);
        sim.Cluster.Faults.Add("POST", "/imagestreamtags$", 403);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        // First round ends in a 409 on the stream update; the whole sequence runs again (the faults were used up).
        Assert.Equal([Is, PutIstag, PostIstag, Is, PutIs, PutIstag], Sequence(sim));
        Assert.Contains(sim.Get(ResourceTypes.ImageStreams, "example")["spec"]!["tags"]!.AsArray(), t => (string?)t!["name"] == "stable");
    }

    [Fact]
    public async Task Tag_refuses_a_missing_stream_unless_asked_to_create_it()
    {
        var (sim, image) = await SetUpAsync(createStream: false);
        await using var cluster = sim;
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s");

        // A missing stream is the cluster's state, like a missing stream tag (IR3208) or workload: exit 3 (issue 12, class 8).
        Assert.Equal(3, code);
        Assert.Contains("IR3202", stderr, StringComparison.Ordinal);
        Assert.Equal([Is], sim.Cluster.Requests.ResourceRequests.Select(r => $"{r.Method} {Uri.UnescapeDataString(r.Path)}").Where(s => s.Contains("imagestream", StringComparison.Ordinal)));
        Assert.Null(sim.Store.Get(ResourceTypes.ImageStreams, "default", "example"));

        sim.Cluster.Requests.Clear();
        (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);

        // The PUT of the ImageStreamTag creates the missing stream (openshift-apiserver imagestreamtag REST update).
        Assert.Equal([Is, PutIstag], Sequence(sim));
        Assert.Equal(image.Split('@')[1], Latest(sim));
    }

    internal static string? Latest(OpenShiftSim sim, string tag = "latest") =>
        (string?)sim.Get(ResourceTypes.ImageStreams, "example")["status"]?["tags"]?.AsArray().FirstOrDefault(t => (string?)t!["tag"] == tag)?["items"]?[0]?["image"];
}
