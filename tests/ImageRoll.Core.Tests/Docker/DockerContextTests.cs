using ImageRoll.Docker;

namespace ImageRoll.Core.Tests.Docker;

/// <summary>
/// Docker contexts as the docker CLI 28 writes them (`docker context create itest --docker host=...,ca=...` then
/// `docker context use itest`): contexts/meta/SHA256(name)/meta.json and contexts/tls/SHA256(name)/docker/*.pem.
/// </summary>
public sealed class DockerContextTests : IDisposable
{
    // sha256("itest"), as `docker context create` names the folders.
    private const string ItestId = "bc6e7721102f6e0bf4899b0ff045a053828c86d21c98544fd8660772aa634571";
    private readonly string _config = Directory.CreateTempSubdirectory("imageroll-docker-config-").FullName;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    [Fact]
    public void DOCKER_CONTEXT_selects_the_context_endpoint_and_its_TLS_folder()
    {
        WriteContext("tcp://10.1.2.3:2376", tlsFiles: true);

        var options = Resolve(new() { ["DOCKER_CONTEXT"] = "itest" });

        Assert.Equal("tcp://10.1.2.3:2376", options.Endpoint.ToString());
        Assert.True(options.UseTls && options.VerifyServer);
        Assert.Equal(Path.Combine(_config, "contexts", "tls", ItestId, "docker"), options.CertPath);
        Assert.Equal(("itest", "tcp://10.1.2.3:2376 (context itest from DOCKER_CONTEXT, TLS verified)"), (options.Context, options.Describe()));
    }

    [Fact]
    public void Current_context_of_config_json_is_used_when_DOCKER_CONTEXT_is_unset()
    {
        WriteContext("unix:///run/other/docker.sock", tlsFiles: false);
        File.WriteAllText(Path.Combine(_config, "config.json"), "{\n\t\"auths\": {},\n\t\"currentContext\": \"itest\"\n}");

        var options = Resolve([]);

        Assert.Equal("unix:///run/other/docker.sock", options.Endpoint.ToString());
        Assert.False(options.UseTls);
        Assert.Equal("context itest from config.json", options.Source);
    }

    [Theory]
    [InlineData("DOCKER_HOST", "tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375")]
    [InlineData("DOCKER_CONTEXT", "default", "unix:///var/run/docker.sock")]
    public void DOCKER_HOST_or_the_default_context_ignore_the_current_context(string variable, string value, string expected)
    {
        WriteContext("tcp://10.1.2.3:2376", tlsFiles: true);
        File.WriteAllText(Path.Combine(_config, "config.json"), "{\"currentContext\": \"itest\"}");

        var options = Resolve(new() { [variable] = value, ["DOCKER_CONTEXT"] = variable == "DOCKER_CONTEXT" ? value : "itest" });

        Assert.Equal((expected, (string?)null), (options.Endpoint.ToString(), options.Context));
    }

    [Fact]
    public void SkipTLSVerify_without_TLS_files_is_TLS_without_verification_and_keys_match_case_insensitively()
    {
        WriteContext("tcp://10.1.2.3", tlsFiles: false, meta: "{\"name\":\"itest\",\"endpoints\":{\"docker\":{\"host\":\"HOST\",\"skipTLSVerify\":true}}}");

        var options = Resolve(new() { ["DOCKER_CONTEXT"] = "itest" });

        Assert.Equal(("tcp://10.1.2.3:2376", true, false), (options.Endpoint.ToString(), options.UseTls, options.VerifyServer));
        Assert.False(options.RequiresCaFile);
    }

    [Fact]
    public void Missing_context_is_IR1108_bad_input_naming_the_context_and_where_it_was_chosen()
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), "{\"currentContext\": \"gone\"}");

        var fromEnv = Assert.Throws<ImageRollException>(() => Resolve(new() { ["DOCKER_CONTEXT"] = "itest" }));
        var fromConfig = Assert.Throws<ImageRollException>(() => Resolve([]));

        Assert.Equal(("IR1108", FailureKind.BadInput), (fromEnv.Code, fromEnv.Kind));
        Assert.Contains("'itest' named by DOCKER_CONTEXT", fromEnv.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", fromEnv.Message, StringComparison.Ordinal);
        Assert.Contains("'gone' (currentContext in " + Path.Combine(_config, "config.json"), fromConfig.Message, StringComparison.Ordinal);
        Assert.Contains("docker context use default", fromConfig.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_with_an_ssh_endpoint_is_IR1100_naming_the_context()
    {
        WriteContext("ssh://me@build-host", tlsFiles: false);

        var ex = Assert.Throws<ImageRollException>(() => Resolve(new() { ["DOCKER_CONTEXT"] = "itest" }));

        Assert.Equal(("IR1100", FailureKind.BadInput), (ex.Code, ex.Kind));
        Assert.Contains("context 'itest' has the endpoint 'ssh://me@build-host'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_config_json_counts_as_no_current_context_as_in_the_docker_cli()
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), "{ not json");
        Assert.Equal("unix:///var/run/docker.sock (default)", Resolve([]).Describe());
    }

    private DockerConnectionOptions Resolve(Dictionary<string, string?> env)
    {
        env["DOCKER_CONFIG"] = _config;
        return DockerConnectionOptions.FromEnvironment(n => env.GetValueOrDefault(n));
    }

    private void WriteContext(string host, bool tlsFiles, string? meta = null)
    {
        var metaDir = Directory.CreateDirectory(Path.Combine(_config, "contexts", "meta", ItestId)).FullName;
        File.WriteAllText(Path.Combine(metaDir, "meta.json"), meta?.Replace("HOST", host, StringComparison.Ordinal)
            ?? $"{{\"Name\":\"itest\",\"Metadata\":{{}},\"Endpoints\":{{\"docker\":{{\"Host\":\"{host}\",\"SkipTLSVerify\":false}}}}}}");
        if (tlsFiles)
        {
            var tlsDir = Directory.CreateDirectory(Path.Combine(_config, "contexts", "tls", ItestId, "docker")).FullName;
            foreach (var file in new[] { "ca.pem", "cert.pem", "key.pem" })
            {
                File.WriteAllText(Path.Combine(tlsDir, file), "PEM");
            }
        }
    }
}
