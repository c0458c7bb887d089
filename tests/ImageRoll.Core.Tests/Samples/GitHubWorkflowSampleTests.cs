using System.Text.RegularExpressions;
using ImageRoll.Cli.Reporting;
using ImageRoll.Release;
using YamlDotNet.RepresentationModel;

namespace ImageRoll.Core.Tests.Samples;

/// <summary>
/// samples/github-actions/release.yml is a workflow a team can copy: it parses, its steps are in the right order
/// (checkout, setup-dotnet, the tool from a feed, the release, a later step reading the release's outputs), its
/// scripts pass <c>bash -n</c>, its secrets come only from <c>secrets.*</c> into <c>env:</c>, every variable its
/// scripts read is set, and its <c>imageroll release</c> binds with the real CLI into the release it describes.
/// </summary>
public sealed partial class GitHubWorkflowSampleTests
{
    private static readonly string WorkflowPath = Path.Combine(RepoFiles.Root, "samples", "github-actions", "release.yml");

    /// <summary>What the runner sets for every step.</summary>
    private static readonly Dictionary<string, string> RunnerVariables = new()
    {
        ["GITHUB_SHA"] = "3f2c1a0b9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
        ["GITHUB_PATH"] = "/home/runner/work/_temp/_runner_file_commands/add_path",
        ["GITHUB_OUTPUT"] = "/home/runner/work/_temp/_runner_file_commands/set_output",
        ["GITHUB_STEP_SUMMARY"] = "/home/runner/work/_temp/_runner_file_commands/step_summary",
        ["GITHUB_ACTIONS"] = "true",
    };

    [Fact]
    public void The_workflow_checks_out_sets_up_dotnet_installs_the_tool_from_a_feed_releases_and_uses_the_outputs()
    {
        var steps = Steps();
        var uses = steps.Select(s => Scalar(s, "uses") ?? string.Empty).ToList();
        var runs = steps.Select(s => Scalar(s, "run") ?? string.Empty).ToList();
        var checkout = uses.FindIndex(u => u.StartsWith("actions/checkout@v", StringComparison.Ordinal));
        var setup = uses.FindIndex(u => u.StartsWith("actions/setup-dotnet@v", StringComparison.Ordinal));
        var install = runs.FindIndex(r => r.Contains("dotnet tool install", StringComparison.Ordinal));
        var release = runs.FindIndex(r => r.TrimStart().StartsWith("imageroll release ", StringComparison.Ordinal));

        Assert.True(checkout >= 0 && checkout < setup && setup < install && install < release, $"steps out of order: checkout {checkout}, setup-dotnet {setup}, install {install}, release {release}");
        // ImageRoll.Tool.Native is a set of RID-specific tool packages, which only the .NET 10 SDK can install.
        Assert.StartsWith("10.", Scalar((YamlMappingNode)steps[setup]["with"], "dotnet-version"), StringComparison.Ordinal);
        Assert.Matches(@"ImageRoll\.Tool\.Native .*--version .*--add-source ""\$IMAGEROLL_FEED""", runs[install]);
        Assert.Contains("secrets.KUBECONFIG", Yaml(WorkflowPath), StringComparison.Ordinal);

        // The outputs a later step reads are outputs the tool really writes (GitHubActionsReporter), of the release's id.
        var id = Scalar(steps[release], "id");
        Assert.False(string.IsNullOrEmpty(id), "the release step has no id, so no later step can read its outputs");
        var written = OutputNames();
        var read = steps.Skip(release + 1)
            .SelectMany(s => OutputReference().Matches(Yaml(s)).Select(m => (Step: m.Groups["step"].Value, Name: m.Groups["name"].Value)))
            .ToList();
        Assert.Contains(read, r => r.Name == "digest");
        Assert.All(read, r => Assert.True(r.Step == id && written.Contains(r.Name), $"steps.{r.Step}.outputs.{r.Name}: the release step is '{id}' and writes {string.Join(", ", written)}"));
    }

    [Fact]
    public void The_release_command_binds_into_the_release_the_comments_describe()
    {
        var steps = Steps();
        var step = steps.Single(s => (Scalar(s, "run") ?? string.Empty).TrimStart().StartsWith("imageroll release ", StringComparison.Ordinal));
        var example = Assert.Single(CommandExamples.FromShell(Scalar(step, "run")!, "release.yml", 1, "run script"));
        var temp = Directory.CreateTempSubdirectory("imageroll-workflow-").FullName;
        try
        {
            var env = Environment(step, temp);
            var words = ShellWords.Split(example.Text, name => env.TryGetValue(name, out var v) ? [v] : throw new Xunit.Sdk.XunitException($"the release script reads ${name}, which the workflow never sets"));

            var (options, junit, report) = CliParseCheck.BindRelease(words.Skip(1).ToList(), n => env.GetValueOrDefault(n), temp);

            Assert.Equal($"registry.example.com/shop/web:{RunnerVariables["GITHUB_SHA"]}", options.Image.ToString());
            Assert.Equal(Path.Combine(temp, "src", "Web", "Web.csproj"), Assert.IsType<SdkProjectSource>(options.Source).Project);
            Assert.Equal("shop/web:latest", $"{options.StreamTag!.Namespace}/{options.StreamTag.Stream}:{options.StreamTag.Tag}");
            Assert.Equal(ImageRoll.OpenShift.TriggerStep.TriggerMode.Wait, options.Trigger);
            Assert.True(options.RollbackOnFailure);
            Assert.Equal(TimeSpan.FromMinutes(15), options.Timeout);
            Assert.Equal(Path.Combine(temp, "imageroll-junit.xml"), junit);
            Assert.Equal(Path.Combine(temp, "imageroll.json"), report);
            // The registry password reaches imageroll from the secret store, through the environment only.
            Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", RawEnv(step)["IMAGEROLL_REGISTRY_PASSWORD"]);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Fact]
    public void Every_script_passes_bash_n_and_reads_only_variables_that_are_set()
    {
        foreach (var step in Steps().Where(s => Scalar(s, "run") is not null))
        {
            var script = Scalar(step, "run")!;
            Assert.DoesNotContain("${{", script, StringComparison.Ordinal); // values go through env:, never into the script text
            Assert.Null(RepoFiles.BashSyntaxError(script));
            var env = Environment(step, "/tmp");
            foreach (Match m in ShellVariable().Matches(script))
            {
                var name = m.Groups["name"].Value;
                Assert.True(env.ContainsKey(name), $"step '{Scalar(step, "name")}' reads ${name}, which the workflow never sets");
            }
        }
    }

    [Fact]
    public void Secrets_come_only_from_the_secret_store_into_env_and_every_expression_is_known()
    {
        var document = Load();
        var secretsSeen = 0;
        foreach (var (path, value) in Scalars(document.RootNode, string.Empty))
        {
            foreach (Match m in Expression().Matches(value))
            {
                var expression = m.Groups["expr"].Value.Trim();
                Assert.Matches(@"^!?\s*(?:(?:github|vars|secrets|steps|runner|env)\.|cancelled\(\))", expression);
                if (expression.Contains("secrets.", StringComparison.Ordinal))
                {
                    secretsSeen++;
                    Assert.Matches(@"\.env\.[A-Z_]+$", path);
                }
            }

            Assert.DoesNotMatch("(?i)(password|token)\\s*[:=]\\s*[^\\s$]", value);
        }

        Assert.True(secretsSeen >= 3, $"only {secretsSeen} secrets found: the registry login and the kubeconfig come from secrets");
    }

    private static YamlDocument Load()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(WorkflowPath);
        stream.Load(reader);
        return Assert.Single(stream.Documents);
    }

    private static YamlMappingNode Job() =>
        (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Load().RootNode)["jobs"]).Children.Values.Single();

    private static List<YamlMappingNode> Steps() => ((YamlSequenceNode)Job()["steps"]).Children.Cast<YamlMappingNode>().ToList();

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static string Yaml(string path) => File.ReadAllText(path);

    private static string Yaml(YamlNode node) => string.Join('\n', Scalars(node, string.Empty).Select(s => s.Value));

    private static IEnumerable<(string Path, string Value)> Scalars(YamlNode node, string path) => node switch
    {
        YamlScalarNode s => [(path, s.Value ?? string.Empty)],
        YamlMappingNode m => m.Children.SelectMany(kv => Scalars(kv.Value, $"{path}.{((YamlScalarNode)kv.Key).Value}")),
        YamlSequenceNode q => q.Children.SelectMany((c, i) => Scalars(c, $"{path}[{i}]")),
        _ => [],
    };

    private static Dictionary<string, string> RawEnv(YamlMappingNode? node) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode("env"), out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? string.Empty)
            : [];

    /// <summary>What a step's shell sees: the runner's variables, then the workflow's, the job's and the step's env (expressions evaluated).</summary>
    private static Dictionary<string, string> Environment(YamlMappingNode step, string runnerTemp)
    {
        var env = new Dictionary<string, string>(RunnerVariables) { ["RUNNER_TEMP"] = runnerTemp };
        foreach (var level in new[] { (YamlMappingNode)Load().RootNode, Job(), step })
        {
            foreach (var (k, v) in RawEnv(level))
            {
                env[k] = Expression().Replace(v, m => Evaluate(m.Groups["expr"].Value.Trim(), runnerTemp));
            }
        }

        return env;
    }

    private static string Evaluate(string expression, string runnerTemp) => expression switch
    {
        "github.sha" => RunnerVariables["GITHUB_SHA"],
        "runner.temp" => runnerTemp,
        "vars.REGISTRY" => "registry.example.com",
        "vars.IMAGEROLL_FEED" => "https://nuget.example.com/v3/index.json",
        _ when expression.StartsWith("secrets.", StringComparison.Ordinal) => "secret-value",
        _ when expression.StartsWith("steps.", StringComparison.Ordinal) => "step-output",
        _ => throw new Xunit.Sdk.XunitException($"the test does not know the expression ${{{{ {expression} }}}}: add it"),
    };

    private static HashSet<string> OutputNames()
    {
        var outputs = GitHubActionsReporter.Outputs(new ReleaseResult { Status = ReleaseStatus.Succeeded, Image = "r.example/a:1" });
        return OutputLine().Matches(outputs).Select(m => m.Groups["name"].Value).ToHashSet();
    }

    [GeneratedRegex(@"\$\{\{(?<expr>.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"steps\.(?<step>[A-Za-z0-9_-]+)\.outputs\.(?<name>[A-Za-z0-9_-]+)")]
    private static partial Regex OutputReference();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"^(?<name>[a-z-]+)<<", RegexOptions.Multiline)]
    private static partial Regex OutputLine();
}
