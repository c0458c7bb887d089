using System.Diagnostics;
using ImageRoll.Cli;

namespace ImageRoll.Core.Tests.Cli;

/// <summary>A few misuse cases through the real process: the exit code and streams a CI job sees, no stack trace.</summary>
public class RealProcessMisuseTests
{
    [Theory]
    [InlineData("IR2000", "release", "--image", "127.0.0.1:1/a/b:1", "--stream", "a:b", "--force")]
    [InlineData("IR2030", "release", "--image", "127.0.0.1:1/a/b:1", "--stream", "a:b", "--project", "p", "--dockerfile", "f")]
    [InlineData("IR2001", "tag", "127.0.0.1:1/a@sha256:0d1f2b8f3c2a1e6d5b4c3a29180716253443526170819a0b1c2d3e4f50617283", "a:b", "--timeout", "1200h")]
    public async Task Misuse_exits_2_from_the_real_process(string code, params string[] args)
    {
        var dll = typeof(CliApp).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GITHUB_ACTIONS"] = string.Empty;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 2, stderr);
        Assert.Contains($"error {code}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("  hint: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
    }
}
