using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageRoll.ClusterSimulator.Store;
using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.OpenShift;

/// <summary>What the import does with the real registry, and how `imageroll tag` waits for it (docs/openshift.md, "imageroll tag").</summary>
public sealed class ImportTests
{
    [Fact]
    public async Task A_missing_image_fails_fast_with_the_ImportSuccess_condition_message()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var missing = image[..^8] + "00000000";
        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = await sim.ImageRollAsync("tag", missing, "example:latest", "--timeout", "60s");
        Assert.Equal(3, code);
        Assert.Contains("IR3203", stderr, StringComparison.Ordinal);
        Assert.Contains($"dockerimage.image.openshift.io \"{missing}\" not found", stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var condition = sim.Get(ResourceTypes.ImageStreams, "example")["status"]!["tags"]!.AsArray().First(t => (string?)t!["tag"] == "latest")!["conditions"]![0]!;
        Assert.Equal(("ImportSuccess", "False", "NotFound"), ((string?)condition["type"], (string?)condition["status"], (string?)condition["reason"]));
    }

    [Fact]
    public async Task A_repeated_import_failure_writes_nothing_and_the_rerun_still_fails_fast()
    {
        // openshift-apiserver imagestreamimport/rest.go setFailureCondition/hasTagCondition: an identical
        // ImportSuccess=False condition is left as it was (old generation), so the new generation never shows a failure.
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var missing = image[..^8] + "00000000";
        Assert.Equal(3, (await sim.ImageRollAsync("tag", missing, "example:latest", "--timeout", "30s")).ExitCode);
        var first = Condition(sim, "latest").ToJsonString();

        var clock = Stopwatch.StartNew();
        var (code, _, stderr) = await sim.ImageRollAsync("tag", missing, "example:latest", "--timeout", "20s");
        Assert.Equal(3, code);
        Assert.Contains("error IR3203: ", stderr, StringComparison.Ordinal);
        Assert.Contains("the same failure as the tag's last import", stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");

        // The simulator as upstream: import the tag again together with a new one; the new tag gets its condition,
        // the repeated failure leaves the old condition untouched although the spec tag moved to a newer generation.
        sim.Store.Modify(ResourceTypes.ImageStreams, "default", "example", s =>
        {
            var tags = s["spec"]!["tags"]!.AsArray();
            tags.First(t => (string?)t!["name"] == "latest")!["generation"] = 0;
            tags.Add(new JsonObject { ["name"] = "other", ["from"] = new JsonObject { ["kind"] = "DockerImage", ["name"] = missing }, ["importPolicy"] = new JsonObject { ["insecure"] = true } });
        });
        await sim.WaitForAsync(ResourceTypes.ImageStreams, "example", s => Tag(s, "other")?["conditions"] is not null, "the import of the tag 'other'");
        Assert.Equal(first, Condition(sim, "latest").ToJsonString());
        var specGeneration = (long)sim.Get(ResourceTypes.ImageStreams, "example")["spec"]!["tags"]!.AsArray().First(t => (string?)t!["name"] == "latest")!["generation"]!;
        Assert.True(specGeneration > (long)Condition(sim, "latest")["generation"]!, $"spec generation {specGeneration}, condition {first}");
    }

    [Fact]
    public async Task Legacy_import_of_an_index_keeps_the_amd64_child_and_ImageRoll_suggests_PreserveOriginal()
    {
        var (sim, _) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var (index, amd) = await TestImages.PushIndexAsync(TestServices.Registry, $"apps/multi-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", index, "example:latest", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Equal(amd, TagRequestSequenceTests.Latest(sim));
        Assert.Contains("PreserveOriginal", stderr, StringComparison.Ordinal);
        Assert.EndsWith("@" + amd, stdout.Trim(), StringComparison.Ordinal);

        (code, _, stderr) = await sim.ImageRollAsync("tag", index, "example:v2", "--expected-image", amd, "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("PreserveOriginal", stderr, StringComparison.Ordinal);
        Assert.Equal(amd, TagRequestSequenceTests.Latest(sim, "v2"));

        // Reading the index itself (the registry client), ImageRoll knows the child to wait for.
        (code, _, stderr) = await sim.ImageRollAsync("tag", index, "example:v3", "--insecure-registry", TestServices.Registry, "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Contains($"the stream keeps its linux/amd64 image {amd}", stderr, StringComparison.Ordinal);
        Assert.Equal(amd, TagRequestSequenceTests.Latest(sim, "v3"));
    }

    [Fact]
    public async Task PreserveOriginal_keeps_the_index_digest()
    {
        var (sim, _) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var (index, _) = await TestImages.PushIndexAsync(TestServices.Registry, $"apps/multi-{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        var (code, _, stderr) = await sim.ImageRollAsync("tag", index, "example:latest", "--import-mode", "PreserveOriginal", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        Assert.Equal(index.Split('@')[1], TagRequestSequenceTests.Latest(sim));
    }

    [Fact]
    public async Task Generation_0_forces_a_reimport_of_the_same_image()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        Assert.Equal(0, (await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s")).ExitCode);
        var first = Item(sim);
        Assert.Equal(0, (await sim.ImageRollAsync("tag", image, "example:latest", "--timeout", "30s")).ExitCode);
        var second = Item(sim);
        Assert.Equal((string?)first["image"], (string?)second["image"]);
        Assert.True((long)second["generation"]! > (long)first["generation"]!, $"{first} -> {second}");
    }

    [Fact]
    public async Task Pushing_to_the_integrated_registry_only_waits()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var digest = image.Split('@')[1];
        var integrated = $"image-registry.openshift-image-registry.svc:5000/default/example@{digest}";
        var run = sim.ImageRollAsync("tag", integrated, "example:latest", "--timeout", "30s");

        // The integrated registry records the push in the stream's status itself.
        sim.Store.Modify(ResourceTypes.ImageStreams, "default", "example", s =>
        {
            s["status"]!["tags"] = new JsonArray(new JsonObject
            {
                ["tag"] = "latest",
                ["items"] = new JsonArray(new JsonObject { ["created"] = "2026-01-01T00:00:00Z", ["dockerImageReference"] = integrated, ["image"] = digest, ["generation"] = 1 }),
            });
        }, WriteScope.Status);
        var (code, stdout, stderr) = await run;
        Assert.True(code == 0, stderr);
        Assert.Equal(integrated, stdout.Trim().Split('\n')[^1]);
        Assert.DoesNotContain(sim.Cluster.Requests.ResourceRequests, r => r.Method is "PUT" or "POST");
    }

    [Fact]
    public async Task Import_sends_ocs_ImageStreamImport_and_is_synchronous()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var (code, stdout, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--import", "--reference-policy", "Local", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        var post = Assert.Single(sim.Cluster.Requests.ResourceRequests, r => r.Method == "POST");
        Assert.Equal("/apis/image.openshift.io/v1/namespaces/default/imagestreamimports", post.Path);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal("ImageStreamImport", (string?)body["kind"]);
        Assert.Equal("example", (string?)body["metadata"]!["name"]);
        Assert.True((bool)body["spec"]!["import"]!);
        var spec = body["spec"]!["images"]![0]!;
        Assert.Equal(("DockerImage", image, "latest"), ((string?)spec["from"]!["kind"], (string?)spec["from"]!["name"], (string?)spec["to"]!["name"]));
        Assert.Equal("Local", (string?)spec["referencePolicy"]!["type"]);
        Assert.Equal(image.Split('@')[1], TagRequestSequenceTests.Latest(sim));

        // Local reference policy: the controllers write the integrated registry's pull spec.
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/default/example@{image.Split('@')[1]}", stdout.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task Import_of_a_missing_image_reports_the_per_image_status()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync();
        await using var cluster = sim;
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image[..^8] + "00000000", "example:latest", "--import", "--timeout", "30s");
        Assert.Equal(3, code);
        Assert.Contains("IR3206", stderr, StringComparison.Ordinal);
        Assert.Contains("NotFound", stderr, StringComparison.Ordinal);

        // rest.go ensureSpecTag(..., reset: false): a failed import never overwrites an existing spec tag.
        (code, _, stderr) = await sim.ImageRollAsync("tag", image[..^8] + "00000000", "example:stable", "--import", "--timeout", "30s");
        Assert.Equal(3, code);
        var stable = sim.Get(ResourceTypes.ImageStreams, "example")["spec"]!["tags"]!.AsArray().First(t => (string?)t!["name"] == "stable")!;
        Assert.StartsWith("127.0.0.1:1/none@sha256:", (string?)stable["from"]!["name"], StringComparison.Ordinal);
        Assert.Equal("NotFound", (string?)Condition(sim, "stable")["reason"]);
    }

    [Fact]
    public async Task Kubectl_shows_the_imported_digest_in_the_stream_status()
    {
        var (sim, image) = await TagRequestSequenceTests.SetUpAsync(createStream: false);
        await using var cluster = sim;
        var (code, _, stderr) = await sim.ImageRollAsync("tag", image, "example:latest", "--create-stream", "--timeout", "30s");
        Assert.True(code == 0, stderr);
        var result = (await sim.KubectlAsync("get", "is", "example", "-n", "default", "-o", "jsonpath={.status.tags[0].items[0].image}")).EnsureSuccess("kubectl get is");
        Assert.Equal(image.Split('@')[1], result.Stdout.Trim());
    }

    private static JsonObject? Tag(JsonObject stream, string tag) =>
        stream["status"]?["tags"]?.AsArray().FirstOrDefault(t => (string?)t!["tag"] == tag)?.AsObject();

    private static JsonObject Condition(OpenShiftSim sim, string tag) =>
        Tag(sim.Get(ResourceTypes.ImageStreams, "example"), tag)!["conditions"]![0]!.AsObject();

    private static JsonObject Item(OpenShiftSim sim) =>
        sim.Get(ResourceTypes.ImageStreams, "example")["status"]!["tags"]!.AsArray().First(t => (string?)t!["tag"] == "latest")!["items"]![0]!.AsObject();
}
