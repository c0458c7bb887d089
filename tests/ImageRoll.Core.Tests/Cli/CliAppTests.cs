namespace ImageRoll.Core.Tests.Cli;

public class CliAppTests
{
    [Fact]
    public async Task Unknown_command_is_bad_input_with_exit_code_2()
    {
        var run = await CliRun.RunAsync("no-such-command");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IR2000", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("no-such-command", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Bad_verbosity_is_bad_input_naming_the_value()
    {
        var run = await CliRun.RunAsync("--verbosity", "loud");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("loud", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_writes_usage_to_stdout()
    {
        var run = await CliRun.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("imageroll", run.Stdout, StringComparison.OrdinalIgnoreCase);
    }
}
