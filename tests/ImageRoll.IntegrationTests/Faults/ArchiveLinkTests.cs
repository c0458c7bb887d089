using System.Text.Json.Nodes;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Faults;

/// <summary>
/// Symbolic links in an OCI layout (issue 12, class 7): build tools such as Bazel's rules_oci link blobs instead of
/// copying them. A link to a file inside the layout is followed (its target's size and digest count, not the link's);
/// the refusals (links leaving the layout, loops) and a flipped byte are in the bad-input corpus.
/// </summary>
public sealed class ArchiveLinkTests
{
    [Fact]
    public async Task A_layout_whose_blobs_are_relative_and_absolute_links_inside_it_is_pushed_with_its_digest()
    {
        await using var env = RegistryFaultEnv.Start();
        var (layout, digest) = env.SmallLayout(21, layerSize: 32 * 1024);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        var manifest = JsonNode.Parse(File.ReadAllText(Blob(layout, (string)index["manifests"]![0]!["digest"]!)))!;
        var layers = manifest["layers"]!.AsArray().Select(l => Blob(layout, (string)l!["digest"]!)).ToList();
        Directory.CreateDirectory(Path.Combine(layout, "bazel-out"));
        for (var i = 0; i < layers.Count; i++)
        {
            var moved = Path.Combine(layout, "bazel-out", $"layer-{i}.tar");
            File.Move(layers[i], moved);
            File.CreateSymbolicLink(layers[i], i == 0 ? Path.Combine("..", "..", "bazel-out", $"layer-{i}.tar") : moved);
        }

        var repo = RegistryTestEnv.UniqueRepo("links");
        var run = await ImageRollCli.RunAsync(new Dictionary<string, string?> { ["HOME"] = env.Files.Root },
            "push", layout, "--image", $"{env.Registry}/{repo}:v1", "--insecure-registry", env.Registry);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal($"{env.Registry}/{repo}@{digest}", run.LastStdoutLine);
        Assert.Equal(digest, await RegistryFaultEnv.TagDigestAsync(repo, "v1"));
        await RegistryFaultEnv.AssertNoDanglingManifestAsync(repo, "v1");
    }

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}
