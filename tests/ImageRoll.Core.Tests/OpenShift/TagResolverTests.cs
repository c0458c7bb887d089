using System.Text.Json;
using ImageRoll.Kubernetes;
using ImageRoll.OpenShift.ImageStreams;
using ImageRoll.OpenShift.Models;

namespace ImageRoll.Core.Tests.OpenShift;

public sealed class TagResolverTests
{
    private const string Digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    private static ImageStream Stream(string? policy, string? repo = "image-registry.openshift-image-registry.svc:5000/ns/example") =>
        JsonSerializer.Deserialize<ImageStream>("""
        {"kind":"ImageStream","metadata":{"name":"example"},
         "spec":{"tags":[{"name":"latest","referencePolicy":{"type":"POLICY"}}]},
         "status":{"dockerImageRepository":REPO,
                   "tags":[{"tag":"other","items":null},{"tag":"latest","items":[{"created":"2024-01-01T00:00:00Z","dockerImageReference":"127.0.0.1:5000/apps/example@DIGEST","image":"DIGEST","generation":2}]}]}}
        """.Replace("POLICY", policy, StringComparison.Ordinal).Replace("REPO", repo is null ? "null" : $"\"{repo}\"", StringComparison.Ordinal).Replace("DIGEST", Digest, StringComparison.Ordinal), KubeJson.Options)!;

    [Fact]
    public void Source_policy_resolves_to_the_items_dockerImageReference()
    {
        Assert.Equal($"127.0.0.1:5000/apps/example@{Digest}", TagResolver.ResolveLatestTaggedImage(Stream("Source"), "latest"));
    }

    [Fact]
    public void Local_policy_resolves_through_the_integrated_registry()
    {
        Assert.Equal($"image-registry.openshift-image-registry.svc:5000/ns/example@{Digest}", TagResolver.ResolveLatestTaggedImage(Stream("Local"), "latest"));
    }

    [Fact]
    public void Local_policy_without_a_repository_falls_back_to_the_reference()
    {
        Assert.Equal($"127.0.0.1:5000/apps/example@{Digest}", TagResolver.ResolveLatestTaggedImage(Stream("Local", repo: null), "latest"));
    }

    [Fact]
    public void A_tag_without_items_resolves_to_nothing_and_null_items_read_as_empty()
    {
        var s = Stream("Source");
        Assert.Empty(s.StatusTag("other")!.Items);
        Assert.Null(TagResolver.ResolveLatestTaggedImage(s, "other"));
        Assert.Null(TagResolver.ResolveLatestTaggedImage(s, "missing"));
        Assert.NotNull(TagResolver.ResolveLatestTaggedImage(s, string.Empty));
    }

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        var s = JsonSerializer.Deserialize<ImageStream>("""{"spec":{"lookupPolicy":{"local":true},"tags":[{"name":"a","importPolicy":{"future":1}}]}}""", KubeJson.Options)!;
        var json = JsonSerializer.Serialize(s, KubeJson.Options);
        Assert.Contains("\"lookupPolicy\":{\"local\":true}", json, StringComparison.Ordinal);
        Assert.Contains("\"future\":1", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example:latest", null, "example", "latest")]
    [InlineData("prod/example:v1.2", "prod", "example", "v1.2")]
    public void Stream_tags_parse_like_oc_tag(string text, string? ns, string stream, string tag)
    {
        var r = StreamTagRef.Parse(text);
        Assert.Equal((ns, stream, tag), (r.Namespace, r.Stream, r.Tag));
    }

    [Theory]
    [InlineData("example")]
    [InlineData("Example:latest")]
    [InlineData("example:")]
    public void Bad_stream_tags_are_IR3201(string text)
    {
        Assert.Equal("IR3201", Assert.Throws<ImageRollException>(() => StreamTagRef.Parse(text)).Code);
    }

    [Fact]
    public void Digest_pull_specs_know_their_registry()
    {
        var p = DigestPullSpec.Parse($"127.0.0.1:5000/apps/example@{Digest}");
        Assert.Equal(("127.0.0.1:5000", "apps/example", Digest), (p.Registry, p.Repository, p.Digest));
        Assert.True(p.IsLoopback());
        Assert.True(DigestPullSpec.Parse($"image-registry.openshift-image-registry.svc:5000/ns/example@{Digest}").IsIntegratedRegistry(null));
        Assert.Equal("IR3205", Assert.Throws<ImageRollException>(() => DigestPullSpec.Parse("127.0.0.1:5000/apps/example:latest")).Code);
    }
}
