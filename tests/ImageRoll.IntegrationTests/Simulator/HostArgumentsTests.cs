using ImageRoll.ClusterSimulator.Hosting;

namespace ImageRoll.IntegrationTests.Simulator;

/// <summary>The simulator host's command line.</summary>
public sealed class HostArgumentsTests
{
    [Fact]
    public void Parses_the_contract_flags()
    {
        var parsed = HostArguments.Parse(["--port", "0", "--kubeconfig-out", "/tmp/k", "--disable-controller", "namespace", "--disable-controller", "garbagecollector", "--http"]);

        Assert.Equal(0, parsed.Options.Port);
        Assert.Equal("/tmp/k", parsed.KubeconfigOut);
        Assert.Equal(["namespace", "garbagecollector"], parsed.Options.DisabledControllers);
        Assert.False(parsed.Options.Https);
    }

    [Theory]
    [InlineData("--port", "http", "--port: 'http' is not a port number")]
    [InlineData("--bogus", null, "unknown argument '--bogus'")]
    [InlineData("--kubeconfig-out", null, "--kubeconfig-out needs a value")]
    public void Bad_arguments_name_the_problem(string flag, string? value, string message)
    {
        var args = value is null ? new[] { flag } : new[] { flag, value };

        var e = Assert.Throws<ArgumentException>(() => HostArguments.Parse(args));

        Assert.Equal(message, e.Message);
    }
}
