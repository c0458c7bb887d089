using ImageRoll.Build;
using ImageRoll.Docker;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>The dockerfile builder against the machine's real Docker daemon (unix socket and TCP+TLS) and real registry.</summary>
public sealed class DockerfileBuildTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private readonly string _dir = Directory.CreateTempSubdirectory("imageroll-dockerfile-").FullName;
    private readonly List<string> _pushed = [];

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        if (_pushed.Count > 0)
        {
            using var docker = Unix();
            foreach (var name in _pushed)
            {
                docker.RemoveImageAsync(name, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
    }

    [Fact]
    public async Task Dockerfile_with_RUN_COPY_and_build_args_is_built_pushed_and_served_with_its_labels()
    {
        var busybox = await BaseImages.BusyboxAsync();
        Write("Dockerfile", "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG GREETING=unset\nCOPY app/ /app/\nRUN echo \"$GREETING\" > /app/greeting && test -s /app/hello.txt\nCMD [\"cat\", \"/app/greeting\"]\n");
        Write("app/hello.txt", "hello");
        using var docker = Unix();
        var image = Target("dockerfile/basic");

        var result = await Builder(docker).BuildAsync(Request(image) with
        {
            BaseImage = ImageReference.Parse(busybox),
            BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hi from a build arg" },
            Labels = new Dictionary<string, string> { ["com.example.team"] = "platform" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(image.Name, result.Image.Name);
        var inspected = await Skopeo.InspectAsync(image.ToString());
        Assert.Equal(result.Image.Digest, inspected.GetProperty("Digest").GetString());
        var labels = inspected.GetProperty("Labels");
        Assert.Equal("https://github.example/org/app", labels.GetProperty(OciLabels.Source).GetString());
        Assert.Equal(Sha, labels.GetProperty(OciLabels.Revision).GetString());
        Assert.Equal("platform", labels.GetProperty("com.example.team").GetString());
        Assert.True(DateTimeOffset.TryParse(labels.GetProperty(OciLabels.Created).GetString(), out _));

        var run = await ExternalTool.RunAsync("docker", ["run", "--rm", result.Image.ToString()], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("hi from a build arg", run.EnsureSuccess("docker run").Stdout.Trim());
    }

    [Fact]
    public async Task Dockerignore_keeps_secrets_out_of_the_tar_the_daemon_receives()
    {
        var busybox = await BaseImages.BusyboxAsync();
        Write("Dockerfile", $"FROM {busybox}\nCOPY . /ctx/\nRUN test ! -e /ctx/secret.env && test ! -e /ctx/keys && test -e /ctx/keys.md && test -e /ctx/src/app.txt\n");
        Write(".dockerignore", "# never send credentials\nsecret.env\nkeys/\n**/*.pem\n!src/public.pem\n");
        Write("secret.env", "PASSWORD=hunter2");
        Write("keys/id_rsa", "PRIVATE");
        Write("keys.md", "docs");
        Write("src/app.txt", "app");
        Write("src/private.pem", "PRIVATE");
        Write("src/public.pem", "PUBLIC");
        var sent = new List<string>();
        using var docker = Unix();

        await Builder(docker, sent.Add).BuildAsync(Request(Target("dockerfile/ignore")), TestContext.Current.CancellationToken);

        Assert.Equal([".dockerignore", "Dockerfile", "keys.md", "src/", "src/app.txt", "src/public.pem"], sent);
    }

    [Fact]
    public async Task Failing_RUN_reports_the_step_and_the_daemon_message()
    {
        var busybox = await BaseImages.BusyboxAsync();
        Write("Dockerfile", $"FROM {busybox}\nRUN echo preparing\nRUN echo about to fail && exit 7\nRUN echo never\n");
        using var docker = Unix();

        var ex = await Assert.ThrowsAsync<ImageRollException>(() => Builder(docker).BuildAsync(Request(Target("dockerfile/failing")), TestContext.Current.CancellationToken));

        Assert.Equal(("IR1104", FailureKind.OperationFailed), (ex.Code, ex.Kind));
        // The daemon counts the LABEL instructions it appends for the labels query parameter: "Step 3/N".
        Assert.Matches(@"at Step 3/\d+ : RUN echo about to fail && exit 7:", ex.Message);
        Assert.Contains("returned a non-zero code: 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_and_push_over_tcp_with_TLS_client_certificates()
    {
        var busybox = await BaseImages.BusyboxAsync();
        var env = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = TestServices.DockerHostTcp,
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = TestServices.DockerCertPathTcp,
        };
        Write("build/Containerfile", $"FROM {busybox}\nCOPY a.txt /a.txt\n");
        Write("ctx/a.txt", "a");
        var options = DockerConnectionOptions.FromEnvironment(n => env.GetValueOrDefault(n));
        Assert.True(options.UseTls && options.VerifyServer);
        using var docker = new DockerEngineClient(options);
        var image = Target("dockerfile/tls");

        var result = await Builder(docker).BuildAsync(
            Request(image) with { Dockerfile = Path.Combine(_dir, "build/Containerfile"), Context = Path.Combine(_dir, "ctx") },
            TestContext.Current.CancellationToken);

        Assert.Equal(await Skopeo.DigestAsync(image.ToString()), result.Image.Digest);
    }

    [Fact]
    public async Task Build_through_the_current_docker_context_the_docker_cli_created()
    {
        var busybox = await BaseImages.BusyboxAsync();
        var config = Directory.CreateTempSubdirectory("imageroll-docker-config-").FullName;
        try
        {
            // The real docker CLI writes the context store (meta.json, TLS files) and makes it current in config.json.
            var cli = new Dictionary<string, string> { ["DOCKER_CONFIG"] = config };
            var certs = TestServices.DockerCertPathTcp;
            (await ExternalTool.RunAsync("docker", ["context", "create", "imageroll-tls", "--docker",
                $"host={TestServices.DockerHostTcp},ca={certs}/ca.pem,cert={certs}/cert.pem,key={certs}/key.pem"], cli, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("docker context create");
            (await ExternalTool.RunAsync("docker", ["context", "use", "imageroll-tls"], cli, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("docker context use");
            Write("Dockerfile", $"FROM {busybox}\nRUN echo through a context > /c\n");
            var options = DockerConnectionOptions.FromEnvironment(n => n == "DOCKER_CONFIG" ? config : null);
            Assert.Equal((TestServices.DockerHostTcp, "imageroll-tls", true), (options.Endpoint.ToString(), options.Context, options.UseTls && options.VerifyServer));
            using var docker = new DockerEngineClient(options);
            var image = Target("dockerfile/context");

            var result = await Builder(docker).BuildAsync(Request(image), TestContext.Current.CancellationToken);

            Assert.Equal(await Skopeo.DigestAsync(image.ToString()), result.Image.Digest);
            var local = await docker.InspectImageAsync(image.ToString(), TestContext.Current.CancellationToken);
            Assert.Equal(Sha, local!.Labels[OciLabels.Revision]);
            Assert.Contains(image.ToString(), local.RepoTags);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    private static DockerEngineClient Unix() => new(DockerConnectionOptions.FromEnvironment(n => n == "DOCKER_HOST" ? TestServices.DockerHostUnix : null));

    private static ILogger Logger() => LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider())).CreateLogger("build");

    private DockerfileImageBuilder Builder(IDockerEngine docker, Action<string>? onEntry = null) => new(docker, null, TestRegistry.Probe(), Logger())
    {
        OnContextEntry = onEntry,
        Environment = name => name switch
        {
            "GITHUB_SERVER_URL" => "https://github.example",
            "GITHUB_REPOSITORY" => "org/app",
            "GITHUB_SHA" => Sha,
            _ => null,
        },
    };

    private ImageBuildRequest Request(ImageReference image) => new()
    {
        Image = image,
        Dockerfile = Path.Combine(_dir, "Dockerfile"),
        WorkingDirectory = _dir,
        InsecureRegistries = [TestServices.Registry],
    };

    private ImageReference Target(string repository)
    {
        var image = ImageReference.Parse($"{TestServices.Registry}/{repository}:{Guid.NewGuid():N}"[..^20]);
        _pushed.Add(image.ToString());
        return image;
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
