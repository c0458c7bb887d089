using ImageRoll.Build;

namespace ImageRoll.Core.Tests.Build;

public sealed class OciLabelsTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public async Task GitHub_Actions_variables_fill_source_revision_and_created()
    {
        var env = new Dictionary<string, string> { ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "org/app", ["GITHUB_SHA"] = Sha };

        var labels = await OciLabels.CollectAsync(Path.GetTempPath(), n => env.GetValueOrDefault(n), Now, TestContext.Current.CancellationToken);

        Assert.Equal("https://github.com/org/app", labels[OciLabels.Source]);
        Assert.Equal(Sha, labels[OciLabels.Revision]);
        Assert.Equal("2026-11-22T03:04:05Z", labels[OciLabels.Created]);
    }

    [Fact]
    public async Task Jenkins_git_url_loses_its_credentials_and_SOURCE_DATE_EPOCH_pins_created()
    {
        var env = new Dictionary<string, string> { ["GIT_URL"] = "https://ci:t0ken@git.example/team/app.git", ["GIT_COMMIT"] = Sha, ["SOURCE_DATE_EPOCH"] = "0" };

        var labels = await OciLabels.CollectAsync(Path.GetTempPath(), n => env.GetValueOrDefault(n), Now, TestContext.Current.CancellationToken);

        Assert.Equal("https://git.example/team/app", labels[OciLabels.Source]);
        Assert.Equal("1970-01-01T00:00:00Z", labels[OciLabels.Created]);
    }

    [Fact]
    public async Task Local_git_checkout_gives_head_and_origin()
    {
        var dir = Directory.CreateTempSubdirectory("imageroll-git-").FullName;
        try
        {
            foreach (var args in new[]
            {
                new[] { "init", "-q" },
                ["-c", "user.email=t@example", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "x"],
                ["remote", "add", "origin", "git@github.com:org/app.git"],
            })
            {
                var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", dir, .. args]))!;
                await p.WaitForExitAsync(TestContext.Current.CancellationToken);
                Assert.Equal(0, p.ExitCode);
            }

            var labels = await OciLabels.CollectAsync(dir, _ => null, Now, TestContext.Current.CancellationToken);

            Assert.Equal("https://github.com/org/app", labels[OciLabels.Source]);
            Assert.Matches("^[0-9a-f]{40}$", labels[OciLabels.Revision]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://user:pass@github.com/org/app.git", "https://github.com/org/app")]
    [InlineData("ssh://git@github.com:22/org/app.git", "https://github.com/org/app")]
    [InlineData("git@gitlab.example:group/sub/app.git", "https://gitlab.example/group/sub/app")]
    [InlineData("https://git.example/app/", "https://git.example/app")]
    [InlineData("/local/path/repo", null)]
    public void Remote_urls_become_credential_free_https_sources(string remote, string? expected) =>
        Assert.Equal(expected, OciLabels.SanitizeRemote(remote));
}
