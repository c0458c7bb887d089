using System.Text.Json.Nodes;
using ImageRoll.IntegrationTests.Infrastructure;
using ImageRoll.IntegrationTests.Registry;
using ImageRoll.IntegrationTests.Secrets;
using ImageRoll.Tasks.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Logging;

namespace ImageRoll.Tasks.Tests.Targets;

/// <summary>The sample with the single-step pipeline, and the sentinel cluster and registries (issue 12, Secrets).</summary>
public sealed class TasksSecretsFixture(TasksPackage package) : IAsyncLifetime
{
    public SecretsCluster Secrets { get; } = new();

    public SampleProject Sample { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Secrets.InitializeAsync();
        Sample = await SampleProject.CreateAsync(package, CheckedSample.WorkloadsFromPropertyXml + ReleaseTargetFixture.StepPipelineXml);
    }

    public async ValueTask DisposeAsync()
    {
        Sample?.Dispose();
        await Secrets.DisposeAsync();
    }
}

/// <summary>
/// The MSBuild face in process with every logger a build may have: the tasks resolve an image in the htpasswd
/// registry (login from IMAGEROLL_REGISTRY_*, as the tasks read it from the build's environment), tag it, patch and
/// follow the rollout with a kubeconfig whose user is a client certificate or an exec plugin, under a diagnostic
/// logger, a diagnostic file log and a binlog. No form of any sentinel may appear in any message, the diag log, the
/// binlog (raw and decompressed), a command line seen meanwhile, or what the exec plugin saw of its own command line
/// and environment. A wrong password fails the build with IR1xxx and leaks nothing either.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class TasksSecretsTests(TasksSecretsFixture fixture) : IClassFixture<TasksSecretsFixture>, IDisposable
{
    private readonly string _logs = Directory.CreateTempSubdirectory("imageroll-tasks-secrets-").FullName;

    public void Dispose() => Directory.Delete(_logs, recursive: true);

    [Theory]
    [InlineData(KubeLogin.ClientCertificate, false)]
    [InlineData(KubeLogin.ExecPlugin, false)]
    [InlineData(KubeLogin.ExecPlugin, true)]
    public async Task The_step_tasks_leak_no_secret_into_messages_diag_logs_binlogs_or_children(KubeLogin kube, bool wrongPassword)
    {
        var secrets = fixture.Secrets;
        var name = $"msb-{kube}-{Guid.NewGuid():N}"[..24].ToLowerInvariant().TrimEnd('-');
        secrets.AddWorkload(name, failsReadiness: false);
        var image = await PushAsync(name);
        var recordsBefore = secrets.ChildRecordsSeen().Keys.ToHashSet();
        var (binlog, diag) = (Path.Combine(_logs, "build.binlog"), Path.Combine(_logs, "diag.log"));
        var password = wrongPassword ? secrets.WrongPassword.Value : secrets.Registries.Password.Value;
        var variables = new Dictionary<string, string?>
        {
            ["IMAGEROLL_REGISTRY_USERNAME"] = secrets.Registries.User,
            ["IMAGEROLL_REGISTRY_PASSWORD"] = password,
            ["IMAGEROLL_REGISTRY"] = secrets.Registries.Basic,
        };
        var previous = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        var record = new BuildRecord();
        var commandLines = ChildCommandLines.Start();
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            await InProcessBuild.BuildAsync(record,
                [new BinaryLogger { Parameters = binlog }, new FileLogger { Parameters = $"logfile={diag};verbosity=diagnostic" }],
                fixture.Sample.ProjectFile, InProcessBuild.Globals(
                    ("StepImage", image), ("ImageRollImageStream", $"{name}:latest"), ("TestWorkloads", $"deployment/{name}"),
                    ("ImageRollKubeconfig", secrets.Kubeconfig(kube)), ("ImageRollInsecureRegistries", secrets.Registries.Basic)),
                "StepPipeline");
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            await commandLines.DisposeAsync();
        }

        if (wrongPassword)
        {
            Assert.False(record.Succeeded);
            Assert.StartsWith("IR1", Assert.Single(record.Errors).Code, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(record.Succeeded, record.Text);
            Assert.Equal(record.State!.GetPropertyValue("StepPullSpec"), secrets.ImageOf(name));
            Assert.Equal("Succeeded", Assert.Single(record.State.GetItems("StepRolledOut")).GetMetadataValue("Outcome"));
        }

        var all = secrets.Secrets.ToList();
        LeakCheck.AssertNoneIn(all, record.Text, "the build's messages (diagnostic verbosity)");
        LeakCheck.AssertNoneIn(all, string.Join('\n', record.Messages.Select(m => m.Message)), "the build's messages");
        Assert.Contains("ImageRollResolve", await File.ReadAllTextAsync(diag, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(LeakCheck.AssertNoneInFiles(all, _logs) >= 2, "the binlog and the diag log were written");
        foreach (var (pid, line) in commandLines.Seen)
        {
            LeakCheck.AssertNoneIn(all, line, $"the command line of process {pid}");
        }

        var records = secrets.ChildRecordsSeen().Where(r => !recordsBefore.Contains(r.Key)).ToList();
        if (kube == KubeLogin.ExecPlugin && !wrongPassword)
        {
            Assert.Contains(records, r => r.Key.EndsWith(".environ", StringComparison.Ordinal));
        }

        foreach (var (file, text) in records)
        {
            LeakCheck.AssertNoneIn(all, text, $"what the exec plugin recorded in {file}");
        }
    }

    /// <summary>A small image pushed to the htpasswd registry with skopeo, its login in an auth file (never on a command line).</summary>
    private async Task<string> PushAsync(string name)
    {
        var layout = Path.Combine(fixture.Secrets.InputDirectory, "layout-" + name);
        var writer = new OciLayoutWriter(layout);
        writer.WriteLayoutIndex(writer.WriteSmallImage(seed: Random.Shared.Next()));
        var auth = Path.Combine(fixture.Secrets.InputDirectory, "skopeo-auth.json");
        var login = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fixture.Secrets.Registries.User}:{fixture.Secrets.Registries.Password.Value}"));
        await File.WriteAllTextAsync(auth, new JsonObject { ["auths"] = new JsonObject { [fixture.Secrets.Registries.Basic] = new JsonObject { ["auth"] = login } } }.ToJsonString(), TestContext.Current.CancellationToken);
        var image = $"{fixture.Secrets.Registries.Basic}/secrets/{name}:v1";
        (await ExternalTool.RunAsync("skopeo", ["copy", "--dest-tls-verify=false", "--dest-authfile", auth, $"oci:{layout}", $"docker://{image}"],
            cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccess("skopeo copy to the htpasswd registry");
        return image;
    }
}
