using ImageRoll.IntegrationTests.Infrastructure;

namespace ImageRoll.IntegrationTests.SimulatorControllers;

/// <summary>The main job, build/demo.sh, run as CI runs it (after build/test.sh's Release build).</summary>
public sealed class DemoScriptTests
{
    [Fact]
    public async Task Demo_script_pushes_tags_triggers_and_rolls_out_the_sample()
    {
        _ = TestServices.Registry; // the script reuses the test registry (and needs it: fails, never skips, under CI)

        var run = await ExternalTool.RunAsync("bash", [Path.Combine(TestServices.RepoRoot, "build", "demo.sh"), "--no-build"],
            timeout: TimeSpan.FromMinutes(6), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, $"build/demo.sh exited {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
        Assert.Contains("demo: OK", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("successfully rolled out", run.Stderr, StringComparison.Ordinal);
        foreach (var step in new[] { "[1] start the real registry", "[6] imageroll push", "[7] imageroll tag", "[8] imageroll rollout", "[9] check with the real kubectl" })
        {
            Assert.Contains(step, run.Stderr, StringComparison.Ordinal);
        }
    }
}
