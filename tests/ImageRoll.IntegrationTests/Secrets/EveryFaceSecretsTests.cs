using System.Text.Json.Nodes;
using System.Xml.Linq;
using ImageRoll.IntegrationTests.Build;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;

namespace ImageRoll.IntegrationTests.Secrets;

/// <summary>
/// <c>imageroll release</c>, the real process, on every face a CI job sees (text and <c>-o json</c> stdout, stderr at
/// normal and diag verbosity, GitHub Actions mode with its outputs and summary files, the JUnit and JSON report
/// files) with sentinel secrets on every path: a registry password from IMAGEROLL_REGISTRY_*, a Docker config
/// <c>auth</c>, a credential helper's identity token, the bearer tokens the registry's token service issues, a
/// kubeconfig token, client key, exec plugin token and token file; successful releases and failing ones (a registry
/// 401, an API server 401, a rollout that fails). No form of any sentinel may appear in stdout, stderr (but for
/// GitHub Actions' <c>::add-mask::</c> lines), any file the run wrote, the command line of any process started
/// meanwhile (/proc, polled), nor the command line or environment the exec plugin and the credential helper saw
/// (recorded by themselves from /proc/self): those get no registry password. One cluster and registry pair per class.
/// </summary>
public sealed class EveryFaceSecretsTests(SecretsCluster fixture) : IClassFixture<SecretsCluster>, IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("imageroll-secrets-out-").FullName;

    public enum Outcome
    {
        Succeeds,
        RegistryRefuses,
        ClusterRefuses,
        RolloutFails,
    }

    public static TheoryData<string, KubeLogin, RegistryLogin, bool, bool, string, Outcome> Runs => new()
    {
        // name, kube login, registry login, json, GitHub Actions, verbosity, outcome
        { "text-diag", KubeLogin.Token, RegistryLogin.Environment, false, false, "diag", Outcome.Succeeds },
        { "json-github", KubeLogin.ClientCertificate, RegistryLogin.DockerConfigAuth, true, true, "n", Outcome.Succeeds },
        { "github-diag", KubeLogin.ExecPlugin, RegistryLogin.CredentialHelper, false, true, "diag", Outcome.Succeeds },
        { "json-diag", KubeLogin.TokenFile, RegistryLogin.Environment, true, false, "diag", Outcome.Succeeds },
        { "registry-401", KubeLogin.ExecPlugin, RegistryLogin.WrongPassword, true, true, "diag", Outcome.RegistryRefuses },
        { "cluster-401", KubeLogin.UnknownToken, RegistryLogin.DockerConfigAuth, false, true, "diag", Outcome.ClusterRefuses },
        { "rollout-fails", KubeLogin.ClientCertificate, RegistryLogin.CredentialHelper, false, true, "diag", Outcome.RolloutFails },
    };

    /// <summary>The native AOT tool on the logins whose code differs most (TLS client keys, exec plugin, credential helper, token file).</summary>
    public static TheoryData<string, KubeLogin, RegistryLogin, bool, bool, string, Outcome> NativeRuns => new()
    {
        { "native-json-github", KubeLogin.ClientCertificate, RegistryLogin.DockerConfigAuth, true, true, "n", Outcome.Succeeds },
        { "native-github-diag", KubeLogin.ExecPlugin, RegistryLogin.CredentialHelper, false, true, "diag", Outcome.Succeeds },
        { "native-json-diag", KubeLogin.TokenFile, RegistryLogin.Environment, true, false, "diag", Outcome.Succeeds },
        { "native-rollout-fails", KubeLogin.Token, RegistryLogin.CredentialHelper, false, true, "diag", Outcome.RolloutFails },
    };

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Theory]
    [MemberData(nameof(Runs))]
    public Task A_release_leaks_no_secret_on_any_face(string name, KubeLogin kube, RegistryLogin registry, bool json, bool github, string verbosity, Outcome outcome) =>
        ReleaseLeaksNothingAsync(CliHost.Portable, name, kube, registry, json, github, verbosity, outcome);

    [Theory]
    [MemberData(nameof(NativeRuns))]
    public Task The_native_tool_releases_and_leaks_nothing_either(string name, KubeLogin kube, RegistryLogin registry, bool json, bool github, string verbosity, Outcome outcome) =>
        ReleaseLeaksNothingAsync(CliHost.Native, name, kube, registry, json, github, verbosity, outcome);

    private async Task ReleaseLeaksNothingAsync(CliHost cli, string name, KubeLogin kube, RegistryLogin registry, bool json, bool github, string verbosity, Outcome outcome)
    {
        _ = ImageRollCli.Command(cli); // skips a native run before any work when the native tool is not installed
        var workload = $"sec-{name}-{Guid.NewGuid():N}"[..24].TrimEnd('-');
        fixture.AddWorkload(workload, failsReadiness: outcome == Outcome.RolloutFails);
        var host = registry is RegistryLogin.Environment or RegistryLogin.WrongPassword ? fixture.Registries.Basic : fixture.Registries.Token;
        var layout = Path.Combine(fixture.InputDirectory, "layout-" + workload);
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var (junit, report, outputs, summary) = (Path.Combine(_out, "junit.xml"), Path.Combine(_out, "report.json"), Path.Combine(_out, "github-output"), Path.Combine(_out, "step-summary.md"));
        var home = Directory.CreateDirectory(Path.Combine(_out, "home")).FullName;
        var issuedBefore = fixture.Registries.TokenService.Issued.Count;
        var recordsBefore = fixture.ChildRecordsSeen().Keys.ToHashSet();

        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOCKER_CONFIG"] = fixture.DockerConfig(registry),
            ["REGISTRY_AUTH_FILE"] = Path.Combine(fixture.InputDirectory, "no-auth.json"),
            ["XDG_RUNTIME_DIR"] = home,
            ["PATH"] = fixture.BinDirectory + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_ACTIONS"] = github ? "true" : "",
            ["GITHUB_OUTPUT"] = github ? outputs : null,
            ["GITHUB_STEP_SUMMARY"] = github ? summary : null,
            ["CI"] = "true",
            ["TMPDIR"] = _out,
        };
        if (registry is RegistryLogin.Environment or RegistryLogin.WrongPassword)
        {
            env["IMAGEROLL_REGISTRY_USERNAME"] = fixture.Registries.User;
            env["IMAGEROLL_REGISTRY_PASSWORD"] = registry == RegistryLogin.WrongPassword ? fixture.WrongPassword.Value : fixture.Registries.Password.Value;
            env["IMAGEROLL_REGISTRY"] = fixture.Registries.Basic;
        }

        if (github)
        {
            File.WriteAllText(outputs, string.Empty);
            File.WriteAllText(summary, string.Empty);
        }

        string[] args =
        [
            "release", "--image", $"{host}/secrets/{workload}:v1", "--archive", layout, "--stream", $"{workload}:latest",
            "--workload", $"deployment/{workload}", "--trigger", "patch", "--insecure-registry", host,
            "--kubeconfig", fixture.Kubeconfig(kube), "--timeout", "2m", "--grace-period", "3s",
            "--junit", junit, "--report", report, "--verbosity", verbosity, "-o", json ? "json" : "text",
        ];
        var commandLines = ChildCommandLines.Start();
        CliResult result;
        try
        {
            result = await ImageRollCli.RunProcessAsync(cli, env, args);
        }
        finally
        {
            await commandLines.DisposeAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(result.Stderr);

        // The run did what its logins allow: each secret was really used (or refused).
        var expectedExit = outcome switch { Outcome.Succeeds => 0, Outcome.RolloutFails => 4, _ => 3 };
        Assert.True(result.ExitCode == expectedExit, $"exit {result.ExitCode}, expected {expectedExit}\nstdout: {result.Stdout}\nstderr: {result.Stderr}");
        var document = JsonNode.Parse(File.ReadAllText(report))!;
        if (outcome is Outcome.Succeeds)
        {
            Assert.Equal((string?)document["pullSpec"], fixture.ImageOf(workload));
            Assert.StartsWith($"{host}/secrets/{workload}@sha256:", fixture.ImageOf(workload), StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches(outcome switch { Outcome.RegistryRefuses => "IR1", Outcome.ClusterRefuses => "IR3", _ => "IR4" }, (string?)document["error"]?["code"] ?? result.Stderr);
        }

        if (host == fixture.Registries.Token)
        {
            Assert.True(fixture.Registries.TokenService.Issued.Count > issuedBefore, "the token registry's bearer tokens were issued to this run");
        }

        if (json)
        {
            Assert.Equal(document.ToJsonString(), JsonNode.Parse(result.Stdout)!.ToJsonString());
        }

        Assert.Equal(outcome == Outcome.RolloutFails ? 1 : 0, XDocument.Load(junit).Descendants("failure").Count(f => (string?)f.Attribute("type") == "RolloutFailed"));

        // No form of any sentinel anywhere.
        var secrets = fixture.Secrets.ToList();
        LeakCheck.AssertNoneIn(secrets, result.Stdout, "stdout");
        LeakCheck.AssertNoneIn(secrets, LeakCheck.WithoutMaskCommands(result.Stderr), "stderr");
        Assert.True(LeakCheck.AssertNoneInFiles(secrets, _out) >= (github ? 4 : 2), "the run wrote its reports (and the GitHub files)");
        foreach (var (pid, line) in commandLines.Seen)
        {
            LeakCheck.AssertNoneIn(secrets, line, $"the command line of process {pid}");
        }

        var records = fixture.ChildRecordsSeen().Where(r => !recordsBefore.Contains(r.Key)).ToList();
        if (kube == KubeLogin.ExecPlugin)
        {
            Assert.Contains(records, r => r.Key.StartsWith("kube-sentinel-plugin-", StringComparison.Ordinal) && r.Key.EndsWith(".cmdline", StringComparison.Ordinal));
        }

        if (registry == RegistryLogin.CredentialHelper && outcome != Outcome.ClusterRefuses)
        {
            Assert.Contains(records, r => r.Key.StartsWith("docker-credential-", StringComparison.Ordinal) && r.Key.EndsWith(".cmdline", StringComparison.Ordinal));
        }

        foreach (var (file, text) in records)
        {
            // A credential child's own answer is its business; it gets no other secret on its command line or in its environment.
            LeakCheck.AssertNoneIn(secrets, text, $"what the child recorded in {file}");
        }

        if (github)
        {
            AssertMasks(result.Stderr, kube, registry, outcome);
        }
        else
        {
            Assert.DoesNotContain("::add-mask::", result.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A Dockerfile release: the login goes to the Docker daemon (X-Registry-Auth for the push, X-Registry-Config for
    /// the build's pulls) and nowhere else: not stdout, stderr at diag, the reports, nor any command line.
    /// </summary>
    [Theory]
    [InlineData(CliHost.Portable, RegistryLogin.Environment)]
    [InlineData(CliHost.Native, RegistryLogin.DockerConfigAuth)]
    public async Task A_dockerfile_release_hands_the_login_to_the_daemon_and_leaks_it_nowhere(CliHost cli, RegistryLogin registry)
    {
        _ = ImageRollCli.Command(cli);
        var workload = $"sec-df-{Guid.NewGuid():N}"[..20];
        fixture.AddWorkload(workload, failsReadiness: false);
        var host = registry == RegistryLogin.Environment ? fixture.Registries.Basic : fixture.Registries.Token;
        var context = Directory.CreateDirectory(Path.Combine(_out, "context")).FullName;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nARG V\nRUN echo \"$V\" > /v\n");
        var (junit, report) = (Path.Combine(_out, "junit.xml"), Path.Combine(_out, "report.json"));
        var home = Directory.CreateDirectory(Path.Combine(_out, "home")).FullName;
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOCKER_CONFIG"] = fixture.DockerConfig(registry),
            ["DOCKER_HOST"] = TestServices.DockerHostUnix,
            ["REGISTRY_AUTH_FILE"] = Path.Combine(fixture.InputDirectory, "no-auth.json"),
            ["GITHUB_ACTIONS"] = string.Empty,
            ["CI"] = "true",
            ["TMPDIR"] = _out,
        };
        if (registry == RegistryLogin.Environment)
        {
            env["IMAGEROLL_REGISTRY_USERNAME"] = fixture.Registries.User;
            env["IMAGEROLL_REGISTRY_PASSWORD"] = fixture.Registries.Password.Value;
            env["IMAGEROLL_REGISTRY"] = host;
        }

        var image = $"{host}/secrets/{workload}:v1";
        var issuedBefore = fixture.Registries.TokenService.Issued.Count;
        var commandLines = ChildCommandLines.Start();
        CliResult result;
        try
        {
            result = await ImageRollCli.RunProcessAsync(cli, env,
                "release", "--image", image, "--dockerfile", Path.Combine(context, "Dockerfile"), "--base-image", await BaseImages.BusyboxAsync(),
                "--build-arg", "V=1", "--stream", $"{workload}:latest", "--workload", $"deployment/{workload}", "--trigger", "patch",
                "--insecure-registry", host, "--insecure-registry", TestServices.Registry, "--kubeconfig", fixture.Kubeconfig(KubeLogin.Token),
                "--timeout", "3m", "--junit", junit, "--report", report, "--verbosity", "diag", "-o", "json");
        }
        finally
        {
            await commandLines.DisposeAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(result.Stderr);
        result.EnsureSuccess();
        var document = JsonNode.Parse(result.Stdout)!;
        Assert.StartsWith($"{host}/secrets/{workload}@sha256:", fixture.ImageOf(workload), StringComparison.Ordinal);
        Assert.Equal((string?)document["pullSpec"], fixture.ImageOf(workload));
        Assert.Contains("Step 1/", result.Stderr, StringComparison.Ordinal);
        if (host == fixture.Registries.Token)
        {
            Assert.True(fixture.Registries.TokenService.Issued.Count > issuedBefore, "the token service issued bearer tokens for the push (to the daemon and to ImageRoll's check)");
        }

        var secrets = fixture.Secrets.ToList();
        LeakCheck.AssertNoneIn(secrets, result.Stdout, "stdout");
        LeakCheck.AssertNoneIn(secrets, result.Stderr, "stderr");
        Assert.True(LeakCheck.AssertNoneInFiles(secrets, _out) >= 2, "the run wrote its reports");
        foreach (var (pid, line) in commandLines.Seen)
        {
            LeakCheck.AssertNoneIn(secrets, line, $"the command line of process {pid}");
        }

        await ExternalTool.RunAsync("docker", ["rmi", image], cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Under GitHub Actions the secrets ImageRoll handles as strings are masked before any other use.</summary>
    private void AssertMasks(string stderr, KubeLogin kube, RegistryLogin registry, Outcome outcome)
    {
        var masked = LeakCheck.MaskCommands(stderr).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var expected = new List<Sentinel>();
        expected.AddRange(kube switch
        {
            KubeLogin.Token => [fixture.KubeToken],
            KubeLogin.ExecPlugin => [fixture.ExecToken],
            KubeLogin.TokenFile => [fixture.FileToken],
            KubeLogin.UnknownToken => [fixture.UnknownKubeToken],
            _ => [],
        });
        if (outcome != Outcome.ClusterRefuses)
        {
            expected.AddRange(registry switch
            {
                RegistryLogin.Environment => [fixture.Registries.Password],
                RegistryLogin.WrongPassword => [fixture.WrongPassword],
                RegistryLogin.DockerConfigAuth => [fixture.Registries.Password],
                _ => [fixture.Registries.IdentityToken],
            });
        }

        foreach (var secret in expected)
        {
            Assert.True(masked.Contains(secret.Value), $"the {secret.Kind} secret was not masked; masks: {masked.Count}");
        }
    }
}
