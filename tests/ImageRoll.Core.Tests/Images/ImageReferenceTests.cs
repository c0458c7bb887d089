using ImageRoll.Images;

namespace ImageRoll.Core.Tests.Images;

public class ImageReferenceTests
{
    private const string Sha256 = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    private const string Sha512 = "sha512:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

    // input, registry, repository, tag, digest. Most are distribution/reference vectors (reference_test.go
    // TestReferenceParse, normalize_test.go TestValidateReferenceName/TestParseRepositoryInfo/TestNormalizedSplitHostname).
    public static TheoryData<string, string, string, string?, string?> Valid() => new()
    {
        { "nginx", "docker.io", "library/nginx", null, null },
        { "nginx:1.25", "docker.io", "library/nginx", "1.25", null },
        { "user/app", "docker.io", "user/app", null, null },
        { "docker.io/debian", "docker.io", "library/debian", null, null },
        { "index.docker.io/docker/docker", "docker.io", "docker/docker", null, null },
        { "docker.io/library/foo/bar", "docker.io", "library/foo/bar", null, null },
        { "test_com", "docker.io", "library/test_com", null, null },
        { "test_com/foo", "docker.io", "test_com/foo", null, null },
        { "test.com:tag", "docker.io", "library/test.com", "tag", null },
        { "test.com:5000", "docker.io", "library/test.com", "5000", null },
        { "test.com/repo:tag", "test.com", "repo", "tag", null },
        { "test:5000/repo", "test:5000", "repo", null, null },
        { "test:5000/repo:tag", "test:5000", "repo", "tag", null },
        { "test:5000/repo@" + Sha256, "test:5000", "repo", null, Sha256 },
        { "test:5000/repo:tag@" + Sha256, "test:5000", "repo", "tag", Sha256 },
        { "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null },
        { "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux", "some-long-tag", null },
        { "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app", "test.example.com", null },
        { "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", null },
        { "xn--7o8h.com/myimage:xn--7o8h.com@" + Sha512, "xn--7o8h.com", "myimage", "xn--7o8h.com", Sha512 },
        { "foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", null },
        { "192.168.1.1", "docker.io", "library/192.168.1.1", null, null },
        { "192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", null },
        { "127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian", null, null },
        { "[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null },
        { "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", null },
        { "[2001:db8::1]:5000/repo:tag@" + Sha256, "[2001:db8::1]:5000", "repo", "tag", Sha256 },
        { "[::1]:5000/repo", "[::1]:5000", "repo", null, null },
        { "localhost/app", "localhost", "app", null, null },
        { "localhost:5000/team/app:v1", "localhost:5000", "team/app", "v1", null },
        { "Docker/docker", "Docker", "docker", null, null },
        { "FOO/bar", "FOO", "bar", null, null },
        { "docker---rules/docker", "docker.io", "docker---rules/docker", null, null },
        { "dock__er/docker", "docker.io", "dock__er/docker", null, null },
        { "jess/t", "docker.io", "jess/t", null, null },
        { "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io", "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", null, null },
        { "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "docker.io", "library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", null, null },
        { "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa", "docker.io", "library/busybox", "latest", "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa" },
        { "a.b/c:" + new string('t', 128), "a.b", "c", new string('t', 128), null },
        { "quay.io/org/app_x.y-z:_tag", "quay.io", "org/app_x.y-z", "_tag", null },
    };

    // input, code, the bad part the message must name.
    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "", "IR2100", "empty" },
        { ":justtag", "IR2103", "no repository" },
        { "@" + Sha256, "IR2103", "no repository" },
        { "repo@sha256:ffffffffffffffffffffffffffffffffff", "IR2122", "sha256:ffffffffffffffffffffffffffffffffff" },
        { "validname@invaliddigest:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "IR2121", "invaliddigest" },
        { "repo@sha256:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "IR2120", "upper-case" },
        { "repo@sha256", "IR2120", "'sha256'" },
        { "Uppercase:tag", "IR2104", "'Uppercase'" },
        { "test:5000/Uppercase/lowercase:tag", "IR2104", "'Uppercase'" },
        { "docker/Docker", "IR2104", "'Docker'" },
        { "docker.io/docker/Docker", "IR2104", "'Docker'" },
        { new string('a', 2) + string.Concat(Enumerable.Repeat("/a", 127)) + ":tag", "IR2109", "limit is 255" },
        { "aa/asdf$$^/aa", "IR2103", "'asdf$$^'" },
        { "[2001:db8::1]", "IR2103", "'[2001:db8::1]'" },
        { "[2001:db8::1]:5000", "IR2103", "'[2001:db8::1]'" },
        { "[2001:db8::1]:tag", "IR2103", "'[2001:db8::1]'" },
        { "[fe80::1%eth0]:5000/repo", "IR2102", "'[fe80::1%eth0]:5000'" },
        { "[2001:db8:3:4::192.0.2.33]:5000/debian", "IR2102", "'[2001:db8:3:4::192.0.2.33]:5000'" },
        { "fc00::1:5000/debian", "IR2102", "'fc00::1:5000'" },
        { "https://github.com/docker/docker", "IR2102", "'https:'" },
        { "-docker", "IR2103", "'-docker'" },
        { "-docker/docker", "IR2103", "'-docker'" },
        { "-docker.io/docker/docker", "IR2102", "'-docker.io'" },
        { "docker-/docker", "IR2103", "'docker-'" },
        { "docker///docker", "IR2103", "empty path component" },
        { "docker/", "IR2103", "empty path component" },
        { "____/____", "IR2103", "'____'" },
        { "_docker/_docker", "IR2103", "'_docker'" },
        { "dock..er/docker", "IR2102", "'dock..er'" },
        { "dock_.er/docker", "IR2102", "'dock_.er'" },
        { "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "IR2101", "64-hex" },
        { "repo:-tag", "IR2105", "'-tag'" },
        { "repo:.tag", "IR2105", "'.tag'" },
        { "repo:", "IR2105", "empty tag" },
        { "repo:" + new string('t', 129), "IR2105", "tag 't" },
        { "registry:abc/repo", "IR2102", "'registry:abc'" },
        { "host_name.com/repo", "IR2102", "'host_name.com'" },
        { "repo:tag with space", "IR2105", "'tag with space'" },
        { "repo:tag@sha256:" + new string('f', 63), "IR2122", "63 hex digits" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parses_and_normalises_valid_references(string input, string registry, string repository, string? tag, string? digest)
    {
        var r = ImageReference.Parse(input);
        Assert.Equal(registry, r.Registry);
        Assert.Equal(repository, r.Repository);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(digest, r.Digest);
        var expected = $"{registry}/{repository}" + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
        Assert.Equal(expected, r.ToString());
        Assert.Equal(r, ImageReference.Parse(r.ToString()));
        Assert.True(ImageReference.TryParse(input, out var again));
        Assert.Equal(r, again);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_invalid_references_with_a_code_naming_the_bad_part(string input, string code, string namedPart)
    {
        var ex = Assert.Throws<ImageRollException>(() => ImageReference.Parse(input));
        Assert.Equal(code, ex.Code);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(namedPart, ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(ex.Hint));
        Assert.False(ImageReference.TryParse(input, out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData("nginx", "nginx")]
    [InlineData("docker.io/library/ubuntu-12.04-base", "ubuntu-12.04-base")]
    [InlineData("index.docker.io/fooo/bar", "fooo/bar")]
    [InlineData("library/foo/bar", "library/foo/bar")]
    [InlineData("127.0.0.1:8000/private/moonbase", "127.0.0.1:8000/private/moonbase")]
    [InlineData("Foo/bar", "Foo/bar")]
    public void Familiar_name_strips_docker_hub_and_library_only(string input, string familiar) =>
        Assert.Equal(familiar, ImageReference.Parse(input).FamiliarName);

    [Fact]
    public void WithDigest_drops_the_tag_and_WithTag_drops_the_digest()
    {
        var r = ImageReference.Parse("localhost:5000/app:v1");
        var pinned = r.WithDigest(Sha256);
        Assert.Equal("localhost:5000/app@" + Sha256, pinned.ToString());
        Assert.Equal("localhost:5000/app:v2", pinned.WithTag("v2").ToString());
        Assert.Equal("localhost:5000/app", r.Name);
        Assert.Equal("IR2122", Assert.Throws<ImageRollException>(() => r.WithDigest("sha256:abc" + new string('0', 40))).Code);
        Assert.Equal("IR2105", Assert.Throws<ImageRollException>(() => r.WithTag("-bad")).Code);
    }

    [Fact]
    public void Name_of_exactly_255_characters_is_accepted_and_256_rejected()
    {
        var repo255 = "r.io/" + new string('a', 250);
        Assert.Equal(255, ImageReference.Parse(repo255).Name.Length);
        var ex = Assert.Throws<ImageRollException>(() => ImageReference.Parse(repo255 + "b"));
        Assert.Equal("IR2109", ex.Code);
    }
}
