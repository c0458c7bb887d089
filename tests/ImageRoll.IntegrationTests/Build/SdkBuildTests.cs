using System.Net;
using System.Net.Sockets;
using ImageRoll.Build;
using ImageRoll.Images;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.Registry;
using ImageRoll.Registry.Credentials;
using Microsoft.Extensions.Logging;

namespace ImageRoll.IntegrationTests.Build;

/// <summary>The sdk builder: the SDK's own PublishContainer for samples/HelloWeb, then the image really runs.</summary>
public sealed class SdkBuildTests(HelloWebImage sample) : IClassFixture<HelloWebImage>
{
    [Fact]
    public async Task Sdk_builder_reports_the_digest_the_SDK_generated_and_the_registry_serves()
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"sdk publish took {sample.Elapsed.TotalSeconds:F1}s");
        Assert.Equal(ImageBuilderKind.Sdk, sample.Result.Builder);
        Assert.Equal($"{sample.Tagged.Name}@{sample.Result.Image.Digest}", sample.Result.Image.ToString());
        Assert.Equal(sample.Result.Image.Digest, await Skopeo.DigestAsync(sample.Tagged.ToString()));
        Assert.Equal(sample.Result.Image.Digest, await Skopeo.DigestAsync(sample.Result.Image.ToString()));
        Assert.Contains(sample.Log, l => l.Contains("PublishContainer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sdk_image_carries_OCI_labels_without_the_remote_credentials()
    {
        var labels = (await Skopeo.InspectAsync(sample.Result.Image.ToString())).GetProperty("Labels");

        Assert.Equal("https://git.example/team/helloweb", labels.GetProperty(OciLabels.Source).GetString());
        Assert.Equal(HelloWebImage.Sha, labels.GetProperty(OciLabels.Revision).GetString());
        Assert.True(labels.TryGetProperty(OciLabels.Created, out _));
        Assert.Equal("r1; a \"quoted\" $(value)", labels.GetProperty("com.example.release").GetString());
        Assert.DoesNotContain("s3cret", labels.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_image_on_the_local_dotnet_base_runs_and_answers_HTTP_200()
    {
        var port = FreePort();
        var name = $"imageroll-helloweb-{Guid.NewGuid():N}"[..32];
        var ct = TestContext.Current.CancellationToken;
        var started = await ExternalTool.RunAsync("docker", ["run", "-d", "--name", name, "-p", $"127.0.0.1:{port}:8080", sample.Result.Image.ToString()], cancellationToken: ct);
        try
        {
            started.EnsureSuccess("docker run");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpStatusCode? status = null;
            string body = string.Empty;
            while (DateTime.UtcNow < deadline && status != HttpStatusCode.OK)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), ct);
                    status = response.StatusCode;
                    body = await response.Content.ReadAsStringAsync(ct);
                }
                catch (HttpRequestException)
                {
                    // Kestrel not listening yet: wait on the condition, not a fixed time.
                    await Task.Delay(200, ct);
                }
            }

            var logs = await ExternalTool.RunAsync("docker", ["logs", name], cancellationToken: ct);
            Assert.True(status == HttpStatusCode.OK, $"no HTTP 200 from the container within 60s (last: {status}); logs:\n{logs.Stdout}{logs.Stderr}");
            Assert.Contains("Hello from ImageRoll", body, StringComparison.Ordinal);
        }
        finally
        {
            await ExternalTool.RunAsync("docker", ["rm", "-f", name], cancellationToken: CancellationToken.None);
            await ExternalTool.RunAsync("docker", ["rmi", sample.Result.Image.ToString()], cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task Cli_build_with_a_project_prints_the_digest_the_registry_serves_as_the_last_line()
    {
        // In this class so it never publishes samples/HelloWeb at the same time as the fixture (shared obj/).
        var image = $"{TestServices.Registry}/samples/helloweb-cli:{Guid.NewGuid():N}"[..^20];

        var result = await Registry.ImageRollCli.RunAsync(new Dictionary<string, string?>(),
            "build", "--image", image, "--project", Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb"),
            "--base-image", await BaseImages.DotnetAsync(), "--insecure-registry", TestServices.Registry);

        result.EnsureSuccess();
        Assert.Equal($"{image[..image.LastIndexOf(':')]}@{await Skopeo.DigestAsync(image)}", result.LastStdoutLine);
        Assert.DoesNotContain("PublishContainer", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sdk_push_to_an_authenticated_registry_gets_the_credentials_only_through_its_environment()
    {
        var env = new Dictionary<string, string?>
        {
            [DefaultRegistryCredentialProvider.UsernameVariable] = TestServices.AuthUser,
            [DefaultRegistryCredentialProvider.PasswordVariable] = TestServices.AuthPassword,
            [DefaultRegistryCredentialProvider.RegistryVariable] = TestServices.AuthRegistry,
        };
        var credentials = new DefaultRegistryCredentialProvider(n => env.GetValueOrDefault(n));
        using var session = new RegistrySession(new RegistryClientOptions { CaBundlePath = TestServices.RegistryCa, Credentials = credentials });
        using var factory = LoggerFactory.Create(b => b.AddProvider(new TestOutputLoggerProvider()));
        var builder = new SdkImageBuilder(credentials, new RegistryDigestProbe(session), factory.CreateLogger("sdk"));
        var image = ImageReference.Parse($"{TestServices.AuthRegistry}/samples/helloweb-auth:{Guid.NewGuid():N}"[..^20]);

        var result = await builder.BuildAsync(
            new ImageBuildRequest
            {
                Image = image,
                Project = Path.Combine(TestServices.RepoRoot, "samples", "HelloWeb"),
                // Base from the plain-HTTP registry, push to the self-signed TLS one: both reachable only because both
                // are named insecure, which needs the SDK's semicolon-separated list.
                BaseImage = ImageReference.Parse(await BaseImages.DotnetAsync()),
                InsecureRegistries = [TestServices.Registry, TestServices.AuthRegistry],
                WorkingDirectory = TestServices.RepoRoot,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(image.Name, result.Image.Name);
        Assert.Equal(result.Image.Digest, await new RegistryDigestProbe(session).GetDigestAsync(image, TestContext.Current.CancellationToken));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
