using ImageRoll.Docker;

namespace ImageRoll.Core.Tests.Docker;

public sealed class DockerConnectionTests
{
    [Theory]
    [InlineData(null, "unix:///var/run/docker.sock")]
    [InlineData("", "unix:///var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://127.0.0.1:2376", "tcp://127.0.0.1:2376")]
    [InlineData("tcp://docker.example:4243/", "tcp://docker.example:4243")]
    [InlineData("tcp://10.0.0.5", "tcp://10.0.0.5:2375")]
    public void DOCKER_HOST_forms_the_docker_cli_accepts(string? value, string expected) =>
        Assert.Equal(expected, DockerEndpoint.Parse(value).ToString());

    [Fact]
    public void Tcp_without_port_under_TLS_defaults_to_2376() =>
        Assert.Equal(2376, DockerEndpoint.Parse("tcp://10.0.0.5", tls: true).Port);

    [Theory]
    [InlineData("localhost:2375", "no scheme")]
    [InlineData("http://127.0.0.1:2375", "'http' is not supported")]
    [InlineData("ssh://me@host", "'ssh' is not supported")]
    [InlineData("unix://relative.sock", "absolute path")]
    [InlineData("tcp://127.0.0.1:2375/v1.41", "no path")]
    [InlineData("tcp://127.0.0.1:notaport", "tcp://HOST:PORT")]
    public void Malformed_DOCKER_HOST_is_IR1100_bad_input_naming_the_value(string value, string why)
    {
        var ex = Assert.Throws<ImageRollException>(() => DockerEndpoint.Parse(value));
        Assert.Equal(("IR1100", FailureKind.BadInput), (ex.Code, ex.Kind));
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_verify_counts_as_set_for_any_non_empty_value_as_in_the_docker_cli()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://127.0.0.1:1", ["DOCKER_TLS_VERIFY"] = "0", ["DOCKER_CERT_PATH"] = "/certs" };
        var options = DockerConnectionOptions.FromEnvironment(n => env.GetValueOrDefault(n));

        Assert.True(options.UseTls);
        Assert.True(options.VerifyServer);
        Assert.Equal("/certs", options.CertPath);
        Assert.Equal("tcp://127.0.0.1:1 (DOCKER_HOST, TLS verified)", options.Describe());
    }

    [Fact]
    public void Unix_socket_never_uses_TLS()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_TLS_VERIFY"] = "1", ["HOME"] = "/home/u" };
        var options = DockerConnectionOptions.FromEnvironment(n => env.GetValueOrDefault(n));
        Assert.False(options.UseTls);
        Assert.Equal("/home/u/.docker", options.CertPath);
    }
}
