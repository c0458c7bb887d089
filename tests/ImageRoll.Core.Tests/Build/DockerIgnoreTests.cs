using ImageRoll.Build;

namespace ImageRoll.Core.Tests.Build;

/// <summary>Cases from moby/patternmatcher's patternmatcher_test.go (TestMatches, TestMatch) and ignorefile's tests.</summary>
public sealed class DockerIgnoreTests
{
    public static TheoryData<string, string, bool> SinglePatternCases => new()
    {
        // TestMatches (MatchesOrParentMatches: "exact" and "inexact" both match).
        { "**", "file", true },
        { "**", "file/", true },
        { "**/", "file", true },
        { "**/", "file/", true },
        { "**", "/", true },
        { "**", "dir/file", true },
        { "**/", "dir/file/", true },
        { "**/**", "dir/file", true },
        { "dir/**", "dir/file", true },
        { "dir/**", "dir/dir2/file/", true },
        { "**/dir", "dir", true },
        { "**/dir", "dir/file", true },
        { "**/dir2/*", "dir/dir2/file", true },
        { "**/dir2/*", "dir/dir2/file/", true },
        { "**/dir2/**", "dir/dir2/dir3/file", true },
        { "**file", "file", true },
        { "**file", "dir/file", true },
        { "**/file", "dir/dir/file", true },
        { "**/file*", "dir/dir/file.txt", true },
        { "**/file*txt", "dir/dir/file.txt", true },
        { "**/file*.txt*", "dir/dir/file.txt", true },
        { "**/**/*.txt", "dir/dir/file.txt", true },
        { "**/**/*.txt2", "dir/dir/file.txt", false },
        { "**/*.txt", "file.txt", true },
        { "**/**/*.txt", "file.txt", true },
        { "a**/*.txt", "a/file.txt", true },
        { "a**/*.txt", "a/dir/dir/file.txt", true },
        { "a/*.txt", "a/dir/file.txt", false },
        { "a/*.txt", "a/file.txt", true },
        { "a/*.txt**", "a/file.txt", true },
        { "a[b-d]e", "ae", false },
        { "a[b-d]e", "ace", true },
        { "a[b-d]e", "aae", false },
        { "a[^b-d]e", "aze", true },
        { ".*", ".foo", true },
        { ".*", "foo", false },
        { "abc.def", "abcdef", false },
        { "abc.def", "abc.def", true },
        { "abc.def", "abcZdef", false },
        { "abc?def", "abcZdef", true },
        { "abc?def", "abcdef", false },
        { "**/foo/bar", "foo/bar", true },
        { "**/foo/bar", "dir/dir2/foo/bar", true },
        { "abc/**", "abc", false },
        { "abc/**", "abc/def/ghi", true },
        { "**/.foo", ".foo", true },
        { "**/.foo", "bar.foo", false },
        { "a(b)c/def", "a(b)c/def", true },
        { "a(b)c/def", "a(b)c/xyz", false },
        { "a.|)$(}+{bc", "a.|)$(}+{bc", true },
        { "dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true },
        { "a\\\\", "a\\", true },
        { "a\\*b", "a*b", true },
        // TestMatch (Go's filepath.Match table, as patternmatcher runs it).
        { "*", "abc", true },
        { "*c", "abc", true },
        { "a*", "ab/c", true },
        { "a*/b", "abc/b", true },
        { "a*/b", "a/c/b", false },
        { "a*b*c*d*e*/f", "axbxcxdxe/f", true },
        { "a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false },
        { "a*b?c*x", "abxbbxdbxebxczzx", true },
        { "a*b?c*x", "abxbbxdbxebxczzy", false },
        { "ab[^e-g]", "abc", true },
        { "ab[^c]", "abc", false },
        { "a\\*b", "ab", false },
        { "a?b", "a☺b", true },
        { "a???b", "a☺b", false },
        { "a?b", "a/b", false },
        { "a*b", "a/b", false },
        { "[\\-x]", "-", true },
        { "*x", "xxx", true },
        // Cleaning: a leading "./" and a trailing "/" do not change what matches.
        { "./secrets", "secrets/key.pem", true },
        { "docs/", "docs/README.md", true },
    };

    [Theory]
    [MemberData(nameof(SinglePatternCases))]
    public void Pattern_matches_like_moby_patternmatcher(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new DockerIgnore([pattern]).IsExcluded(path));

    public static TheoryData<string[], string, bool> MultiPatternCases => new()
    {
        { ["**", "!util/docker/web"], "util/docker/web/foo", false },
        { ["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true },
        { ["**", "!dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false },
        { ["docs", "!docs/README.md"], "docs/README.md", false },
        { ["docs/", "!docs/README.md"], "docs/README.md", false },
        { ["docs/*", "!docs/README.md"], "docs/README.md", false },
        { ["docs/*", "!docs/README.md"], "docs/other.md", true },
        { ["!fileutils.go", "*.go"], "fileutils.go", true },
        { ["*.go", "!fileutils.go"], "fileutils.go", false },
        { ["*.go"], ".", false },
    };

    [Theory]
    [MemberData(nameof(MultiPatternCases))]
    public void Later_patterns_win_and_exceptions_reinclude(string[] patterns, string path, bool expected) =>
        Assert.Equal(expected, new DockerIgnore(patterns).IsExcluded(path));

    [Fact]
    public void Ignore_file_drops_comments_blank_lines_bom_and_leading_slash()
    {
        var lines = DockerIgnore.ReadLines("\uFEFF# comment\n\n  /secrets/  \n!  ./secrets/keep.txt\r\n#*.md\nfoo/../bar\n");
        Assert.Equal(["secrets", "!secrets/keep.txt", "bar"], lines);
    }

    [Fact]
    public void Comment_marker_counts_only_at_the_start_of_the_line()
    {
        // ignorefile.ReadAll checks '#' before trimming: " #x" is a pattern named "#x".
        Assert.Equal(["#x"], DockerIgnore.ReadLines(" #x\n"));
    }

    [Theory]
    [InlineData("!")]
    [InlineData("[")]
    [InlineData("a[")]
    [InlineData("[^bc")]
    public void Malformed_pattern_is_IR1110_bad_input(string pattern)
    {
        var ex = Assert.Throws<ImageRollException>(() => new DockerIgnore([pattern]));
        Assert.Equal("IR1110", ex.Code);
        Assert.Equal(FailureKind.BadInput, ex.Kind);
        Assert.Contains(pattern, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/./b", "a/b")]
    [InlineData("a//b/", "a/b")]
    [InlineData("./a", "a")]
    [InlineData("a/../../b", "../b")]
    [InlineData("/../a", "/a")]
    [InlineData("", ".")]
    public void CleanPath_is_go_filepath_Clean(string input, string expected) =>
        Assert.Equal(expected, DockerIgnore.CleanPath(input));
}
