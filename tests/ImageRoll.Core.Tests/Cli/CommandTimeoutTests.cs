namespace ImageRoll.Core.Tests.Cli;

/// <summary>--timeout bounds every command, registry commands included, with the same meaning.</summary>
public class CommandTimeoutTests
{
    [Fact]
    public async Task A_registry_command_that_outlives_its_timeout_is_IR2005_exit_5()
    {
        // Nothing listens on port 1: the registry client retries with back-off (0.5 s, 1 s, 2 s, ...) until the deadline.
        var run = await CliRun.RunAsync("resolve", "127.0.0.1:1/shop/web:1", "--timeout", "1s");
        Assert.True(run.ExitCode == 5, run.Stderr);
        Assert.Contains("error IR2005: imageroll resolve did not finish within --timeout 1s: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("the registry at 127.0.0.1:1 refused the connection", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_is_accepted_before_the_command_name_too()
    {
        var run = await CliRun.RunAsync("--timeout", "1s", "resolve", "127.0.0.1:1/shop/web:1");
        Assert.Equal(5, run.ExitCode);
        Assert.Contains("IR2005", run.Stderr, StringComparison.Ordinal);
    }
}
