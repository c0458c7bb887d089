using ImageRoll.Core.Tests.Cli;

namespace ImageRoll.Core.Tests.Rollouts;

public sealed class StatusCommandTests
{
    [Fact]
    public async Task Status_refuses_a_workload_that_is_not_KIND_NAME_with_exit_code_2()
    {
        var run = await CliRun.RunAsync("status", "web");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error IR2010: Workload 'web' is not of the form KIND/NAME.", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_refuses_a_grace_period_that_is_not_a_duration()
    {
        var run = await CliRun.RunAsync("status", "deployment/web", "--grace-period", "soon");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error IR2001: --grace-period 'soon' is not a duration.", run.Stderr, StringComparison.Ordinal);
    }
}
